import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { BackupResult, BackupStatus, RestoreResult } from '../../../shared/contract/records';
import { programTypes } from '../../../shared/domain/ids';
import { caseStatuses, type CaseStatus } from '../../../shared/model/caseRecord';
import {
  retentionRulesSchema,
  type DispositionCertificate,
  type DispositionDue,
  type MeasuredFrom,
  type RetentionProgram,
  type StoredRetentionRule,
} from '../../../shared/model/retention';
import { call, CallError, errorMessage } from '../api/client';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { FocusedStatus } from '../components/FocusedStatus';
import { MIN_DECISION_REASON } from '../../../shared/security/separation';
import { formatDate, programLabels, statusLabels } from '../labels';
import { useNavigation } from '../stores/navigation';
import { usePrint, type PageSize, type PrintMode } from '../stores/print';
import { useRecords } from '../stores/records';
import { useSession } from '../stores/session';
import { PaperChoice, PrintActions } from './case/PrintDialog';
import { AnchorCard } from './AnchorCard';

type Message = { kind: 'ok' | 'error' | 'info'; text: string };

const measuredFromLabels: Record<MeasuredFrom, string> = { closure: 'Closure', last_activity: 'Last activity' };

function programLabel(program: string): string {
  return program === 'any' ? 'Any program' : (programLabels[program as keyof typeof programLabels] ?? program);
}

/** Whole days from an ISO timestamp to now. */
export function daysSince(iso: string, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000));
}

export function backupAge(status: BackupStatus, now: Date = new Date()): string {
  if (status.lastVerifiedAt === null) return 'No verified backup yet';
  const days = daysSince(status.lastVerifiedAt, now);
  return days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function stamp(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

const backupSteps = ['Snapshot of the vault, still encrypted', 'Copy to the chosen folder under a temporary name, synced to the medium', 'Read back and verify: hashes, integrity check, audit chain'];

function BackupCard({ status, onChanged, isManager }: { status: BackupStatus | null; onChanged: (status: BackupStatus) => void; isManager: boolean }) {
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
        <div className="alert alert-error" role="alert">
          <strong>The backup did not complete.</strong> {failure}
        </div>
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

const restoreFailureTitles: Partial<Record<string, string>> = {
  integrity: 'The backup is damaged or incomplete.',
  auth_failed: 'The passphrase or recovery key does not open this backup.',
  conflict: 'This backup cannot be restored here.',
  not_found: 'No backup was found there.',
};

function RestoreCard() {
  const me = useSession((s) => s.status?.user?.name ?? '');
  const refresh = useSession((s) => s.refresh);
  const [mode, setMode] = useState<'new' | 'replace'>('new');
  const [keyKind, setKeyKind] = useState<'passphrase' | 'recovery'>('passphrase');
  const [userName, setUserName] = useState(me);
  const [passphrase, setPassphrase] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [running, setRunning] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<RestoreResult | null>(null);
  const [failure, setFailure] = useState<{ title: string; text: string } | null>(null);
  const [missing, setMissing] = useState<string | null>(null);

  const credentials = () => (keyKind === 'passphrase' ? { userName: userName.trim(), passphrase } : { recoveryKey: recoveryKey.trim() });

  const start = () => {
    const empty = keyKind === 'passphrase' ? (userName.trim().length < 2 ? 'Enter the user name as it was in the backup.' : passphrase === '' ? 'Enter that user’s passphrase.' : null) : recoveryKey.trim() === '' ? 'Enter the recovery key.' : null;
    setMissing(empty);
    if (empty !== null) return;
    if (mode === 'replace') {
      setTyped('');
      setReason('');
      setReasonError(undefined);
      setConfirming(true);
      return;
    }
    void restore();
  };

  const restore = async () => {
    if (mode === 'replace' && reason.trim().length < MIN_DECISION_REASON) {
      setReasonError(`Reason: write at least ${MIN_DECISION_REASON} characters saying why.`);
      return;
    }
    setConfirming(false);
    setRunning(true);
    setResult(null);
    setFailure(null);
    try {
      const restored = await call('backup.restore', { mode, credentials: credentials(), confirmReplace: mode === 'replace', ...(mode === 'replace' ? { reason: reason.trim() } : {}) });
      setPassphrase('');
      setRecoveryKey('');
      setResult(restored);
      // Over this vault: the backend locked the session before swapping the vault in.
      if (restored.replaced) await refresh();
    } catch (error) {
      const code = error instanceof CallError ? error.code : 'internal';
      setFailure({ title: restoreFailureTitles[code] ?? 'The restore did not complete.', text: errorMessage(error) });
    } finally {
      setRunning(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby="restore-title">
      <h2 id="restore-title">Restore</h2>
      <p className="hint">
        Offramp checks the backup before changing anything: a damaged backup, one from a newer version of Offramp or the wrong passphrase is refused and the current vault stays
        as it is. A backup from an older version is brought up to date.
      </p>
      <fieldset className="fieldset">
        <legend>Restore into</legend>
        <label className="check">
          <input type="radio" name="restore-mode" checked={mode === 'new'} onChange={() => setMode('new')} /> A new folder — a restore drill or a second copy; this vault is not changed
        </label>
        <label className="check">
          <input type="radio" name="restore-mode" checked={mode === 'replace'} onChange={() => setMode('replace')} /> This workstation’s vault — replaces it; everything recorded since the
          backup is lost
        </label>
      </fieldset>
      <fieldset className="fieldset">
        <legend>Key of the backup</legend>
        <div className="row">
          <label className="check">
            <input type="radio" name="restore-key" checked={keyKind === 'passphrase'} onChange={() => setKeyKind('passphrase')} /> A user’s passphrase
          </label>
          <label className="check">
            <input type="radio" name="restore-key" checked={keyKind === 'recovery'} onChange={() => setKeyKind('recovery')} /> The recovery key
          </label>
        </div>
        {keyKind === 'passphrase' ? (
          <div className="grid-2">
            <Field label="User name in the backup" required>
              {(props) => <input {...props} type="text" autoComplete="off" value={userName} onChange={(e) => setUserName(e.target.value)} />}
            </Field>
            <Field label="Passphrase for the backup" required>
              {(props) => <input {...props} type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />}
            </Field>
          </div>
        ) : (
          <Field label="Recovery key of the backup" required hint="The recovery key that was current when the backup was made.">
            {(props) => <input {...props} type="password" className="mono" autoComplete="off" value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} />}
          </Field>
        )}
      </fieldset>
      {missing !== null ? (
        <div className="alert alert-error" role="alert">
          {missing}
        </div>
      ) : null}
      <div className="row">
        <button type="button" className={`btn ${mode === 'replace' ? 'btn-danger' : 'btn-primary'}`} onClick={start} disabled={running}>
          {mode === 'replace' ? 'Restore over this vault…' : 'Restore into a new folder…'}
        </button>
        <span className="hint">{mode === 'replace' ? 'Offramp asks for the backup folder.' : 'Offramp asks for the backup folder, then for an empty folder for the restored vault.'}</span>
      </div>
      {running ? (
        <div className="records-progress" role="status" aria-label="Restore in progress">
          <progress aria-label="Restore progress" />
          <p>
            <strong>Restoring…</strong> Choose the folders in the dialogs. Offramp checks every file of the backup, opens it with the key given, brings it up to date and checks
            it again.
          </p>
        </div>
      ) : null}
      {failure !== null ? (
        <div className="alert alert-error" role="alert">
          <strong>{failure.title}</strong> {failure.text}
        </div>
      ) : null}
      {result !== null && !result.replaced ? (
        <FocusedStatus kind="ok" className="stack records-result" token={result}>
          <strong>Backup restored into a new folder.</strong>
          <dl className="kv">
            <dt>Restored vault</dt>
            <dd className="mono records-path">{result.vaultDir}</dd>
            <dt>Backup</dt>
            <dd>
              <span className="mono">{result.backupName}</span>, made {stamp(result.backupCreatedAt)}
            </dd>
            <dt>Contents</dt>
            <dd>
              {result.cases} case{result.cases === 1 ? '' : 's'}
              {result.schemaFrom !== result.schemaTo ? `; brought up to date from schema ${result.schemaFrom} to ${result.schemaTo}` : ''}
            </dd>
          </dl>
          <div className="records-howto">
            <strong>How to open it</strong>
            <p>
              The restored vault is locked. It opens with the user names, passphrases and recovery key it had when the backup was made. This workstation keeps working in its own
              vault; to check the restored one, run:
            </p>
            <pre className="mono records-command">offramp vault check --vault &quot;{result.vaultDir}&quot; --user &quot;{userName.trim() || me}&quot; --passphrase-file FILE</pre>
            <p>
              To work in it here instead, restore the same backup over this workstation’s vault. On another workstation, copy the folder to that workstation’s Offramp data folder
              as <span className="mono">vault</span> and unlock it as usual.
            </p>
          </div>
        </FocusedStatus>
      ) : null}
      {confirming ? (
        <Dialog
          title="Replace this workstation’s vault?"
          onClose={() => setConfirming(false)}
          actions={
            <>
              <button type="button" className="btn" data-dialog-close onClick={() => setConfirming(false)}>
                Cancel
              </button>
              <button type="button" className="btn btn-danger" disabled={typed.trim() !== 'REPLACE'} onClick={() => void restore()}>
                Replace the vault
              </button>
            </>
          }
        >
          <p>
            Everything recorded since the backup was made is lost: new cases, changes and users. Cases disposed of since then are disposed of again. The vault locks; sign in
            again with a passphrase from the backup.
          </p>
          <Field label="Type REPLACE to confirm" required>
            {(props) => <input {...props} type="text" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />}
          </Field>
          <ReasonField
            reason={reason}
            error={reasonError}
            hint="Kept on the restore’s entry in the restored vault’s audit log."
            onChange={(text, longEnough) => {
              setReason(text);
              if (longEnough) setReasonError(undefined);
            }}
          />
        </Dialog>
      ) : null}
    </section>
  );
}

interface DraftRule {
  status: CaseStatus;
  program: RetentionProgram;
  years: string;
  measuredFrom: MeasuredFrom;
  authority: string;
}

const toDraft = (r: StoredRetentionRule): DraftRule => ({ status: r.status, program: r.program, years: String(r.years), measuredFrom: r.measuredFrom, authority: r.authority });

function RulesCard({ isManager, onSaved }: { isManager: boolean; onSaved: () => void }) {
  const [rules, setRules] = useState<StoredRetentionRule[] | null>(null);
  const [draft, setDraft] = useState<DraftRule[]>([]);
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [message, setMessage] = useState<Message | null>(null);

  useEffect(() => {
    call('retention.rules', {}).then(
      (r) => {
        setRules(r.rules);
        setDraft(r.rules.map(toDraft));
      },
      (e: unknown) => setMessage({ kind: 'error', text: errorMessage(e) }),
    );
  }, []);

  const patch = (index: number, change: Partial<DraftRule>) => setDraft(draft.map((r, i) => (i === index ? { ...r, ...change } : r)));
  const add = () => setDraft([...draft, { status: 'closed', program: 'any', years: '5', measuredFrom: 'closure', authority: '' }]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = retentionRulesSchema.safeParse(draft.map((r) => ({ ...r, years: Number(r.years) })));
    if (!parsed.success) {
      const next: Record<number, string> = {};
      for (const issue of parsed.error.issues) {
        const index = Number(issue.path[0]);
        next[index] ??= `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`;
      }
      setErrors(next);
      setMessage({ kind: 'error', text: 'The rules were not saved: correct the rules marked below.' });
      return;
    }
    setErrors({});
    try {
      const saved = await call('retention.setRules', { rules: parsed.data });
      setRules(saved.rules);
      setDraft(saved.rules.map(toDraft));
      setMessage({ kind: 'ok', text: `Retention rules saved (${saved.rules.length}). The change is recorded in the audit log.` });
      onSaved();
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    }
  };

  const head = (
    <>
      <h2 id="rules-title">Retention rules</h2>
      <p className="hint">How long cases are kept, per case status and program, from the program’s records schedule. A case with no rule is kept indefinitely.</p>
      {message !== null ? (
        <FocusedStatus kind={message.kind} token={message} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </FocusedStatus>
      ) : null}
    </>
  );

  if (rules === null) {
    return (
      <section className="card stack" aria-labelledby="rules-title">
        {head}
        <p className="muted">Loading…</p>
      </section>
    );
  }

  if (!isManager) {
    return (
      <section className="card stack" aria-labelledby="rules-title">
        {head}
        {rules.length === 0 ? (
          <p className="muted">No retention rules: every case is kept indefinitely.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Case status</th>
                <th scope="col">Program</th>
                <th scope="col">Kept</th>
                <th scope="col">Measured from</th>
                <th scope="col">Authority</th>
                <th scope="col">Set by</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <tr key={`${r.status}/${r.program}`}>
                  <td>{statusLabels[r.status]}</td>
                  <td>{programLabel(r.program)}</td>
                  <td>
                    {r.years} year{r.years === 1 ? '' : 's'}
                  </td>
                  <td>{measuredFromLabels[r.measuredFrom]}</td>
                  <td>{r.authority}</td>
                  <td>
                    {r.updatedBy}, {formatDate(r.updatedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="muted">Only a program manager changes the retention rules.</p>
      </section>
    );
  }

  return (
    <form className="card stack" aria-labelledby="rules-title" onSubmit={(e) => void save(e)} noValidate>
      {head}
      {draft.length === 0 ? <p className="muted">No retention rules: every case is kept indefinitely. Add a rule for each status and program your schedule covers.</p> : null}
      {draft.length > 0 ? (
        <table className="data records-rules">
          <thead>
            <tr>
              <th scope="col">Case status</th>
              <th scope="col">Program</th>
              <th scope="col">Years kept</th>
              <th scope="col">Measured from</th>
              <th scope="col">Records schedule or authority</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.map((r, i) => {
              const n = i + 1;
              const error = errors[i];
              return (
                <tr key={i} className={error === undefined ? undefined : 'records-rule-invalid'}>
                  <td>
                    <select aria-label={`Case status, rule ${n}`} value={r.status} onChange={(e) => patch(i, { status: e.target.value as CaseStatus })}>
                      {caseStatuses.map((s) => (
                        <option key={s} value={s}>
                          {statusLabels[s]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select aria-label={`Program, rule ${n}`} value={r.program} onChange={(e) => patch(i, { program: e.target.value as RetentionProgram })}>
                      <option value="any">Any program</option>
                      {programTypes.map((p) => (
                        <option key={p} value={p}>
                          {programLabels[p]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input aria-label={`Years kept, rule ${n}`} className="records-years" type="number" min={1} max={100} value={r.years} onChange={(e) => patch(i, { years: e.target.value })} />
                  </td>
                  <td>
                    <select aria-label={`Measured from, rule ${n}`} value={r.measuredFrom} onChange={(e) => patch(i, { measuredFrom: e.target.value as MeasuredFrom })}>
                      <option value="closure">Closure</option>
                      <option value="last_activity">Last activity</option>
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`Authority, rule ${n}`}
                      type="text"
                      value={r.authority}
                      placeholder="e.g. GRS 5.6 item 230"
                      onChange={(e) => patch(i, { authority: e.target.value })}
                      aria-invalid={error !== undefined}
                    />
                    {error !== undefined ? (
                      <div className="error" role="alert">
                        Rule {n}: {error}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <button type="button" className="btn" onClick={() => setDraft(draft.filter((_, j) => j !== i))} aria-label={`Remove rule ${n}`}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {rules.length > 0 ? (
        <p className="hint">
          Last saved by {rules[0]?.updatedBy} on {formatDate(rules[0]?.updatedAt ?? null)}. Saving replaces the whole set of rules and is recorded in the audit log.
        </p>
      ) : null}
      <div className="row">
        <button type="button" className="btn" onClick={add}>
          Add rule
        </button>
        <button type="submit" className="btn btn-primary">
          Save rules
        </button>
      </div>
    </form>
  );
}

/** The reason a weighty records step asks for; `longEnough` lets the dialog drop its message as soon as the reason will do. */
function ReasonField({ reason, error, hint, onChange }: { reason: string; error: string | undefined; hint: string; onChange: (text: string, longEnough: boolean) => void }) {
  return (
    <Field label="Reason" required error={error} hint={hint}>
      {(props) => <textarea {...props} rows={3} maxLength={2_000} value={reason} onChange={(e) => onChange(e.target.value, e.target.value.trim().length >= MIN_DECISION_REASON)} />}
    </Field>
  );
}

function DisposeDialog({ due, onClose, onDisposed }: { due: DispositionDue; onClose: () => void; onDisposed: (c: DispositionCertificate) => void }) {
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dispose = async () => {
    if (reason.trim().length < MIN_DECISION_REASON) {
      setReasonError(`Reason: write at least ${MIN_DECISION_REASON} characters saying why.`);
      return;
    }
    setReasonError(undefined);
    setBusy(true);
    try {
      onDisposed(await call('retention.dispose', { caseId: due.caseId, confirmNumber: typed, reason: reason.trim() }));
    } catch (error) {
      setFailure(errorMessage(error));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={`Dispose of case ${due.number}?`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" data-dialog-close onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" disabled={busy || typed.trim().toUpperCase() !== due.number.toUpperCase()} onClick={() => void dispose()}>
            Dispose of the case
          </button>
        </>
      }
    >
      <p>
        All of the case’s data is deleted from the vault and cannot be recovered: its record, indicators, assessments, plans, reports, evidence files and search entries. Only an
        audit entry remains, from which the disposition certificate is printed.
      </p>
      <p>
        Rule applied: {statusLabels[due.rule.status].toLowerCase()} cases of {programLabel(due.rule.program).toLowerCase()}, kept {due.rule.years} years after{' '}
        {due.rule.measuredFrom === 'closure' ? 'closure' : 'the last activity'} ({due.rule.authority}); due since {due.dueOn}.
      </p>
      {failure !== null ? (
        <div className="alert alert-error" role="alert">
          {failure}
        </div>
      ) : null}
      <Field label="Type the case number to approve" required hint={`As program manager, you approve this disposition by typing ${due.number}.`}>
        {(props) => <input {...props} type="text" className="mono" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />}
      </Field>
      <ReasonField
        reason={reason}
        error={reasonError}
        hint="Kept with the disposition’s audit entry and printed on its certificate."
        onChange={(text, longEnough) => {
          setReason(text);
          if (longEnough) setReasonError(undefined);
        }}
      />
    </Dialog>
  );
}

function PrintCertificateDialog({ certificate, onClose }: { certificate: DispositionCertificate; onClose: () => void }) {
  const start = usePrint((s) => s.start);
  const [pageSize, setPageSize] = useState<PageSize>('Letter');
  const run = (mode: PrintMode) => start({ kind: 'disposition', certificate, pageSize, mode, returnTo: { name: 'records' } });
  return (
    <Dialog title="Print the disposition certificate" onClose={onClose} actions={<PrintActions onCancel={onClose} onRun={run} busy={false} />}>
      <div className="stack">
        <p className="hint">
          The certificate of case <span className="mono">{certificate.caseNumber}</span>, printed with the markings. Printing is recorded in the audit log.
        </p>
        <PaperChoice value={pageSize} onChange={setPageSize} />
      </div>
    </Dialog>
  );
}

function DispositionCard({ isManager }: { isManager: boolean }) {
  const go = useNavigation((s) => s.go);
  const certificates = useRecords((s) => s.certificates);
  const addCertificate = useRecords((s) => s.addCertificate);
  const dismissPrintOutcome = usePrint((s) => s.dismiss);
  const [due, setDue] = useState<{ asOf: string; cases: DispositionDue[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [disposing, setDisposing] = useState<DispositionDue | null>(null);
  const [printing, setPrinting] = useState<DispositionCertificate | null>(null);
  const [message, setMessage] = useState<{ text: string } | null>(null);

  const load = useCallback(async () => {
    try {
      setDue(await call('retention.due', {}));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const disposed = (certificate: DispositionCertificate) => {
    setDisposing(null);
    addCertificate(certificate);
    setMessage({ text: `Case ${certificate.caseNumber} was disposed of. Its data is deleted; the audit entry and the certificate below remain.` });
    void load();
  };

  return (
    <section className="card stack" aria-labelledby="due-title">
      <h2 id="due-title">Disposition due</h2>
      <p className="hint">Cases whose retention period has run out{due === null ? '' : ` as of ${due.asOf}`}. A case on legal hold stays listed and cannot be disposed of until the hold is cleared.</p>
      {error !== null ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      {message !== null ? (
        <FocusedStatus kind="ok" token={message}>
          {message.text}
        </FocusedStatus>
      ) : null}
      {due === null ? null : due.cases.length === 0 ? (
        <p className="muted">No case is due for disposition.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Program</th>
              <th scope="col">Status</th>
              <th scope="col">Retention started</th>
              <th scope="col">Due since</th>
              <th scope="col">Rule</th>
              <th scope="col">Legal hold</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {due.cases.map((d) => (
              <tr key={d.caseId}>
                <td>
                  <button type="button" className="btn-link mono" onClick={() => go({ name: 'case', caseId: d.caseId, tab: 'closure' })}>
                    {d.number}
                  </button>
                </td>
                <td>{programLabel(d.program)}</td>
                <td>{statusLabels[d.status]}</td>
                <td>{d.startedOn}</td>
                <td>{d.dueOn}</td>
                <td>
                  {d.rule.years} years from {d.rule.measuredFrom === 'closure' ? 'closure' : 'last activity'}
                  <div className="hint">{d.rule.authority}</div>
                </td>
                <td>{d.legalHold ? <span className="badge badge-critical">On legal hold</span> : <span className="muted">None</span>}</td>
                <td>
                  {isManager ? (
                    <button
                      type="button"
                      className="btn"
                      disabled={d.legalHold}
                      title={d.legalHold ? 'On legal hold: clear the hold on the case’s Closure tab first.' : undefined}
                      aria-label={`Dispose of ${d.number}…`}
                      onClick={() => setDisposing(d)}
                    >
                      Dispose…
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!isManager ? <p className="muted">Only a program manager approves a disposition.</p> : null}
      {certificates.length > 0 ? (
        <div className="stack">
          <h3>Disposition certificates from this session</h3>
          <ul className="plain-list records-certificates">
            {certificates.map((c) => (
              <li key={c.caseId}>
                <span>
                  <span className="mono">{c.caseNumber}</span> · disposed of {stamp(c.disposedAt)} · approved by {c.approvedBy} · audit event #{c.audit.seq}
                  {c.auditChainVerified ? ' · chain verified' : ' · CHAIN NOT VERIFIED'}
                </span>
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    dismissPrintOutcome();
                    setPrinting(c);
                  }}
                  aria-label={`Print the certificate of ${c.caseNumber}…`}
                >
                  Print certificate…
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {disposing !== null ? <DisposeDialog due={disposing} onClose={() => setDisposing(null)} onDisposed={disposed} /> : null}
      {printing !== null ? <PrintCertificateDialog certificate={printing} onClose={() => setPrinting(null)} /> : null}
    </section>
  );
}

/** Records: backup and restore of the vault, retention rules and disposition of cases whose retention has run out. */
export function Records() {
  const role = useSession((s) => s.status?.user?.role);
  const isManager = role === 'program_manager';
  const printOutcome = usePrint((s) => s.outcome);
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The due list is read again whenever the rules change.
  const [rulesVersion, setRulesVersion] = useState(0);
  useEffect(() => {
    call('backup.status', {}).then(setStatus, (e: unknown) => setError(errorMessage(e)));
  }, []);
  return (
    <section className="screen stack" aria-labelledby="screen-title">
      <div className="screen-head">
        <div>
          <h1 id="screen-title">Records</h1>
          <p className="muted">Backups to removable media, restore, retention rules and disposition.</p>
        </div>
      </div>
      {error !== null ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      {printOutcome !== null ? (
        <div className={`alert alert-${printOutcome.kind}`} role="status">
          {printOutcome.text}
        </div>
      ) : null}
      <div className="grid-2">
        <BackupCard status={status} onChanged={setStatus} isManager={isManager} />
        {isManager ? (
          <RestoreCard />
        ) : (
          <section className="card stack" aria-labelledby="restore-title">
            <h2 id="restore-title">Restore</h2>
            <p className="muted">Only a program manager restores a backup.</p>
          </section>
        )}
      </div>
      {isManager ? <AnchorCard /> : null}
      <RulesCard isManager={isManager} onSaved={() => setRulesVersion((v) => v + 1)} />
      <DispositionCard key={rulesVersion} isManager={isManager} />
    </section>
  );
}
