import { useEffect, useRef, useState, type FormEvent } from 'react';
import { keyChangeReasonSchema, userNameSchema } from '../../../../shared/contract/vault';
import { CallError, errorMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { PassphraseFields, passphraseErrors } from '../../components/PassphraseFields';
import { useSession } from '../../stores/session';
import { Alert } from '../../components/Alert';

type Errors = { recoveryKey?: string; userName?: string; passphrase?: string; confirm?: string; reason?: string };

/** Which field a refusal of vault.recover belongs beside. */
function fieldOf(error: unknown): keyof Errors | null {
  if (!(error instanceof CallError)) return null;
  if (error.code === 'auth_failed' || /recovery key is/i.test(error.message)) return 'recoveryKey';
  if (error.code === 'not_found') return 'userName';
  if (/passphrase/i.test(error.message)) return 'passphrase';
  return null;
}

/** A program manager who forgot their passphrase sets a new one with the vault's recovery key (audited). */
export function Recover({ onCancel }: { onCancel: () => void }) {
  const recover = useSession((s) => s.recover);
  const [recoveryKey, setRecoveryKey] = useState('');
  const [userName, setUserName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = userNameSchema.safeParse(userName);
    const why = keyChangeReasonSchema.safeParse(reason);
    const next: Errors = {
      ...(recoveryKey.trim().length === 0 ? { recoveryKey: 'Enter the recovery key (64 hexadecimal digits; spaces and dashes are ignored).' } : {}),
      ...(name.success ? {} : { userName: `Program manager's name: ${name.error.issues[0]?.message ?? 'invalid'}.` }),
      ...(await passphraseErrors(passphrase, confirm, userName)),
      ...(why.success ? {} : { reason: why.error.issues[0]?.message ?? 'Give a reason.' }),
    };
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      await recover({ recoveryKey: recoveryKey.trim(), userName: name.data ?? userName, newPassphrase: passphrase, reason: why.data ?? reason });
    } catch (error) {
      const field = fieldOf(error);
      if (field === null) setFailure(errorMessage(error));
      else setErrors({ [field]: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="center-screen">
      <form className="card auth-card stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="recover-title">
        <div>
          <h1 id="recover-title" ref={title} tabIndex={-1}>
            Set a new passphrase with the recovery key
          </h1>
          <p className="muted">
            For a program manager who forgot their passphrase. Their old passphrase stops working, the reset is recorded in the audit log with your reason, and every
            program manager is told at unlock.
          </p>
        </div>
        {failure !== null ? (
          <Alert kind="error">
            {failure}
          </Alert>
        ) : null}
        <Field label="Recovery key" required error={errors.recoveryKey} hint="The 64 hexadecimal digits written down when the vault was created or its key last changed.">
          {(props) => <input {...props} type="password" autoComplete="off" spellCheck={false} value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} />}
        </Field>
        <Field label="Program manager's user name" required error={errors.userName}>
          {(props) => <input {...props} type="text" autoComplete="username" value={userName} onChange={(e) => setUserName(e.target.value)} />}
        </Field>
        <PassphraseFields label="New passphrase" passphrase={passphrase} confirm={confirm} userName={userName} onPassphrase={setPassphrase} onConfirm={setConfirm} errors={errors} />
        <Field label="Reason" required error={errors.reason} hint="Kept in the audit log.">
          {(props) => <input {...props} type="text" value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Setting the new passphrase…' : 'Set the new passphrase and unlock'}
          </button>
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            Back to unlock
          </button>
        </div>
      </form>
    </div>
  );
}
