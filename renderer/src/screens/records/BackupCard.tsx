import { useEffect, useState, type FormEvent } from 'react';
import type { BackupResult, BackupStatus } from '../../../../shared/contract/records';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { FocusedStatus } from '../../components/FocusedStatus';
import { stamp, formatBytes, type Message } from './format';
import { backupAge } from '../../backupAge';
import { Alert } from '../../components/Alert';

const backupSteps = ['Snapshot of the vault, still encrypted', 'Copy to the chosen folder under a temporary name, synced to the medium', 'Read back and verify: hashes, integrity check, audit chain'];

export function BackupCard({ status, onChanged, isManager }: { status: BackupStatus | null; onChanged: (status: BackupStatus) => void; isManager: boolean }) {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<BackupResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [days, setDays] = useState('');
  const [reminderMessage, setReminderMessage] = useState<Message | null>(null);
  useEffect(() => {
    if (status !== null) setDays(String(status.reminderDays));
  }, [status]);

  const run = async () => {
    setRunning(true);
    setResult(null);
    setFailure(null);
    try {
      setResult(await call('backup.run', {}));
      onChanged(await call('backup.status', {}));
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setRunning(false);
    }
  };

  const saveReminder = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(days);
    if (!Number.isInteger(value) || value < 1 || value > 365) {
      setReminderMessage({ kind: 'error', text: 'Reminder: enter a whole number of days from 1 to 365.' });
      return;
    }
    try {
      onChanged(await call('backup.setReminder', { days: value }));
      setReminderMessage({ kind: 'ok', text: `The home screen now reminds when the last verified backup is older than ${value} day${value === 1 ? '' : 's'}.` });
    } catch (error) {
      setReminderMessage({ kind: 'error', text: errorMessage(error) });
    }
  };

  return (
    <section className="card stack" aria-labelledby="backup-title">
      <div className="records-card-head">
        <h2 id="backup-title">Backup</h2>
        {status !== null ? <span className={`badge ${status.due ? 'badge-moderate' : 'badge-low'}`}>{status.due ? 'Backup due' : 'Up to date'}</span> : null}
      </div>
      <p className="hint">The whole vault, still encrypted, with its keyslot file, written to a removable volume or folder and verified before success is reported.</p>
      {status === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <dl className="kv">
          <dt>Last verified backup</dt>
          <dd data-testid="last-backup">{status.lastVerifiedAt === null ? 'None yet' : `${stamp(status.lastVerifiedAt)} (${backupAge(status)})`}</dd>
          <dt>Backup folder name</dt>
          <dd className="mono">{status.lastBackupName ?? '—'}</dd>
          <dt>Reminder</dt>
          <dd>After {status.reminderDays} days without a verified backup</dd>
        </dl>
      )}
      {isManager ? (
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={() => void run()} disabled={running}>
            Back up now…
          </button>
          <span className="hint">Offramp asks for the folder or removable volume to write to.</span>
        </div>
      ) : (
        <p className="muted">Only a program manager backs up the vault.</p>
      )}
      {running ? (
        <div className="records-progress" role="status" aria-label="Backup in progress">
          <progress aria-label="Backup progress" />
          <p>
            <strong>Backing up…</strong> Choose the folder in the dialog. Offramp then works through these steps; do not remove the medium until it reports the result.
          </p>
          <ol className="records-steps">
            {backupSteps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        </div>
      ) : null}
      {result !== null ? (
        <FocusedStatus kind="ok" className="stack records-result" token={result}>
          <strong>Backup written and verified.</strong>
          <dl className="kv">
            <dt>Written to</dt>
            <dd className="mono records-path">{result.path}</dd>
            <dt>Contents</dt>
            <dd>
              {result.cases} case{result.cases === 1 ? '' : 's'}, audit log up to event #{result.auditSeq}, {formatBytes(result.bytes)}, schema version {result.schemaVersion}
            </dd>
            <dt>Verified</dt>
            <dd>{stamp(result.verifiedAt)}: read back from the medium; SHA-256 of every file, database integrity check and audit chain all passed.</dd>
            <dt>Database SHA-256</dt>
            <dd className="mono records-path">{result.sha256}</dd>
          </dl>
          <span>The backup is recorded in the audit log. Keep the medium in approved storage.</span>
        </FocusedStatus>
      ) : null}
      {failure !== null ? (
        <Alert kind="error">
          <strong>The backup did not complete.</strong> {failure}
        </Alert>
      ) : null}
      {isManager && status !== null ? (
        <form className="row records-inline-form" onSubmit={(e) => void saveReminder(e)} noValidate aria-label="Backup reminder">
          <Field label="Remind after this many days without a backup">
            {(props) => <input {...props} type="number" min={1} max={365} value={days} onChange={(e) => setDays(e.target.value)} />}
          </Field>
          <button type="submit" className="btn">
            Save reminder
          </button>
        </form>
      ) : null}
      {reminderMessage !== null ? (
        <FocusedStatus kind={reminderMessage.kind} token={reminderMessage}>
          {reminderMessage.text}
        </FocusedStatus>
      ) : null}
    </section>
  );
}
