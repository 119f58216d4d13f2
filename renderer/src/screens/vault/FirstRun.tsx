import { useState, type FormEvent } from 'react';
import { userNameSchema } from '../../../../shared/contract/vault';
import type { Role } from '../../../../shared/domain/ids';
import { errorMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { TrainingEntry } from '../../components/TrainingEntry';
import { PassphraseFields, passphraseErrors } from '../../components/PassphraseFields';
import { useSession } from '../../stores/session';
import { Alert } from '../../components/Alert';
import { RoleSelect } from '../../components/RoleSelect';

/** First run: create the encrypted vault and its first user. */
export function FirstRun() {
  const create = useSession((s) => s.create);
  const [userName, setUserName] = useState('');
  const [role, setRole] = useState<Role>('program_manager');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ userName?: string; passphrase?: string; confirm?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = userNameSchema.safeParse(userName);
    const next = { ...(await passphraseErrors(passphrase, confirm, userName)), ...(name.success ? {} : { userName: `User name: ${name.error.issues[0]?.message ?? 'invalid'}.` }) };
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      await create({ userName: name.data ?? userName, role, passphrase });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="center-screen">
      <form className="card auth-card stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="first-run-title">
        <div>
          <h1 id="first-run-title">Create the vault</h1>
          <p className="muted">
            Offramp keeps every case in one encrypted vault on this workstation. Create it with its first user, who manages the other users.
          </p>
        </div>
        {failure !== null ? (
          <Alert kind="error">
            {failure}
          </Alert>
        ) : null}
        <Field label="Your user name" required error={errors.userName}>
          {(props) => <input {...props} type="text" autoComplete="username" value={userName} onChange={(e) => setUserName(e.target.value)} />}
        </Field>
        <Field label="Role" required hint="The first user is normally the program manager: only a program manager adds and removes users.">
          {(props) => <RoleSelect {...props} of="vault" value={role} onChange={setRole} />}
        </Field>
        <PassphraseFields
          passphrase={passphrase}
          confirm={confirm}
          userName={userName}
          onPassphrase={setPassphrase}
          onConfirm={setConfirm}
          errors={errors}
        />
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Creating the vault…' : 'Create vault'}
          </button>
        </div>
        <TrainingEntry />
      </form>
    </div>
  );
}
