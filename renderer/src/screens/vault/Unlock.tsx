import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { errorMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { TrainingEntry } from '../../components/TrainingEntry';
import { useSession } from '../../stores/session';
import { Recover } from './Recover';
import { Alert } from '../../components/Alert';

/** Unlock the vault with a user name and passphrase, or (a program manager) set a new passphrase with the recovery key. */
export function Unlock() {
  const [recovering, setRecovering] = useState(false);
  const link = useRef<HTMLButtonElement>(null);
  const [returned, setReturned] = useState(false);
  useEffect(() => {
    if (returned) link.current?.focus();
  }, [returned]);
  if (recovering) {
    return (
      <Recover
        onCancel={() => {
          setRecovering(false);
          setReturned(true);
        }}
      />
    );
  }
  return <UnlockForm recoveryLink={link} onRecover={() => setRecovering(true)} />;
}

function UnlockForm({ recoveryLink, onRecover }: { recoveryLink: RefObject<HTMLButtonElement | null>; onRecover: () => void }) {
  const unlock = useSession((s) => s.unlock);
  const [userName, setUserName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<{ userName?: string; passphrase?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: { userName?: string; passphrase?: string } = {};
    if (userName.trim().length === 0) next.userName = 'Enter your user name.';
    if (passphrase.length === 0) next.passphrase = 'Enter your passphrase.';
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      await unlock(userName.trim(), passphrase);
    } catch (error) {
      setFailure(errorMessage(error));
      setPassphrase('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="center-screen">
      <form className="card auth-card stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="unlock-title">
        <div>
          <h1 id="unlock-title">Unlock the vault</h1>
          <p className="muted">The vault is encrypted. Every unlock, and every failed attempt, is recorded in the audit log.</p>
        </div>
        {failure !== null ? (
          <Alert kind="error">
            {failure}
          </Alert>
        ) : null}
        <Field label="User name" required error={errors.userName}>
          {(props) => <input {...props} type="text" autoComplete="username" autoFocus value={userName} onChange={(e) => setUserName(e.target.value)} />}
        </Field>
        <Field label="Passphrase" required error={errors.passphrase}>
          {(props) => <input {...props} type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />}
        </Field>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
        </div>
        <p className="muted">
          A program manager who forgot their passphrase:{' '}
          <button type="button" className="btn-link" ref={recoveryLink} onClick={onRecover}>
            Use the recovery key
          </button>
        </p>
        <TrainingEntry />
      </form>
    </div>
  );
}
