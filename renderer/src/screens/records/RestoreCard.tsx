import { useState } from 'react';
import type { RestoreResult } from '../../../../shared/contract/records';
import { call, CallError, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FocusedStatus } from '../../components/FocusedStatus';
import { MIN_DECISION_REASON } from '../../../../shared/security/separation';
import { useSession } from '../../stores/session';
import { stamp } from './format';
import { ReasonField } from './ReasonField';
import { Alert } from '../../components/Alert';

const restoreFailureTitles: Partial<Record<string, string>> = {
  integrity: 'The backup is damaged or incomplete.',
  auth_failed: 'The passphrase or recovery key does not open this backup.',
  conflict: 'This backup cannot be restored here.',
  not_found: 'No backup was found there.',
};

export function RestoreCard() {
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
        <Alert kind="error">
          {missing}
        </Alert>
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
        <Alert kind="error">
          <strong>{failure.title}</strong> {failure.text}
        </Alert>
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
