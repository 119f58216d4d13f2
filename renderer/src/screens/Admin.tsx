import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { userNameSchema, type VaultUser } from '../../../shared/contract/vault';
import type { Role } from '../../../shared/domain/ids';
import { call, errorMessage } from '../api/client';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { FocusedStatus } from '../components/FocusedStatus';
import { PassphraseFields, passphraseErrors } from '../components/PassphraseFields';
import { focusWhenShown } from '../focusResult';
import { roleLabels } from '../labels';
import { useSession } from '../stores/session';
import { ChangeRoleForm } from './ChangeRoleForm';
import { MarkingsSettings } from './MarkingsSettings';
import { PacketRecipients } from './PacketRecipients';
import { ProgramRulesSettings } from './ProgramRules';
import { Alert } from '../components/Alert';
import { RoleSelect } from '../components/RoleSelect';

function AddUserForm({ onAdded }: { onAdded: (name: string) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ name?: string; passphrase?: string; confirm?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = userNameSchema.safeParse(name);
    const next = { ...(await passphraseErrors(passphrase, confirm, name)), ...(parsed.success ? {} : { name: `User name: ${parsed.error.issues[0]?.message ?? 'invalid'}.` }) };
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    try {
      const added = parsed.data ?? name;
      await call('users.add', { name: added, role, passphrase });
      setName('');
      setPassphrase('');
      setConfirm('');
      setFailure(null);
      onAdded(added);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-user-title">
      <h2 id="add-user-title">Add a user</h2>
      {failure !== null ? (
        <Alert kind="error">
          {failure}
        </Alert>
      ) : null}
      <div className="grid-2">
        <Field label="User name" required error={errors.name}>
          {(props) => <input {...props} type="text" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Role" required>
          {(props) => <RoleSelect {...props} of="vault" value={role} onChange={setRole} />}
        </Field>
      </div>
      <PassphraseFields
        label="Initial passphrase"
        passphrase={passphrase}
        confirm={confirm}
        userName={name}
        onPassphrase={setPassphrase}
        onConfirm={setConfirm}
        errors={errors}
      />
      <div className="row">
        <button type="submit" className="btn btn-primary">
          Add user
        </button>
      </div>
    </form>
  );
}

function ChangePassphrase() {
  const user = useSession((s) => s.status?.user);
  const [current, setCurrent] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ current?: string; passphrase?: string; confirm?: string }>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = { ...(await passphraseErrors(passphrase, confirm, user?.name ?? '')), ...(current.length === 0 ? { current: 'Enter your current passphrase.' } : {}) };
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    try {
      await call('vault.changePassphrase', { currentPassphrase: current, newPassphrase: passphrase });
      setCurrent('');
      setPassphrase('');
      setConfirm('');
      setMessage({ kind: 'ok', text: 'Your passphrase was changed.' });
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    }
  };

  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="passwd-title">
      <h2 id="passwd-title">Change your passphrase</h2>
      {message !== null ? (
        <FocusedStatus kind={message.kind} token={message}>
          {message.text}
        </FocusedStatus>
      ) : null}
      <Field label="Current passphrase" required error={errors.current}>
        {(props) => <input {...props} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />}
      </Field>
      <PassphraseFields label="New passphrase" passphrase={passphrase} confirm={confirm} userName={user?.name ?? ''} onPassphrase={setPassphrase} onConfirm={setConfirm} errors={errors} />
      <div className="row">
        <button type="submit" className="btn">
          Change passphrase
        </button>
      </div>
    </form>
  );
}

function VaultSettings() {
  const status = useSession((s) => s.status);
  const refresh = useSession((s) => s.refresh);
  const showRecoveryKey = useSession((s) => s.showRecoveryKey);
  const [minutes, setMinutes] = useState(String(status?.idleLockMinutes ?? 15));
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [rekeying, setRekeying] = useState(false);
  const [rekeyPassphrase, setRekeyPassphrase] = useState('');
  const [rekeyReason, setRekeyReason] = useState('');

  const saveIdle = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(minutes);
    if (!Number.isInteger(value) || value < 1 || value > 240) {
      setMessage({ kind: 'error', text: 'Idle lock: enter a whole number of minutes from 1 to 240.' });
      return;
    }
    try {
      await call('vault.setIdleLock', { minutes: value });
      await refresh();
      setMessage({ kind: 'ok', text: `The vault now locks after ${value} idle minutes.` });
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    }
  };

  const rekey = async () => {
    try {
      const { recoveryKey } = await call('vault.rekey', { passphrase: rekeyPassphrase, reason: rekeyReason });
      setRekeying(false);
      setRekeyPassphrase('');
      setRekeyReason('');
      showRecoveryKey(recoveryKey);
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
      setRekeying(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby="vault-settings-title">
      <h2 id="vault-settings-title">Vault</h2>
      {message !== null ? (
        <FocusedStatus kind={message.kind} token={message}>
          {message.text}
        </FocusedStatus>
      ) : null}
      <form className="row" onSubmit={(e) => void saveIdle(e)} noValidate>
        <Field label="Lock after idle minutes">
          {(props) => <input {...props} type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(e.target.value)} />}
        </Field>
        <button type="submit" className="btn">
          Save
        </button>
      </form>
      <div>
        <button type="button" className="btn" onClick={() => setRekeying(true)}>
          Replace the vault keys…
        </button>
        <p className="hint">
          Re-encrypts the vault under new keys and issues a new recovery key. The old recovery key, old copies of the key file and old backups no longer open the vault as it
          is now. Everyone keeps their passphrase.
        </p>
      </div>
      {rekeying ? (
        <Dialog
          title="Replace the vault keys"
          onClose={() => setRekeying(false)}
          actions={
            <>
              <button type="button" className="btn" data-dialog-close onClick={() => setRekeying(false)}>
                Cancel
              </button>
              <button type="button" className="btn btn-primary" onClick={() => void rekey()} disabled={rekeyPassphrase.length === 0 || rekeyReason.trim().length < 3}>
                Replace keys
              </button>
            </>
          }
        >
          <p>The new recovery key is shown once, right after. The old recovery key will no longer open the vault.</p>
          <Field label="Reason (kept in the audit log)" required hint="For example: routine rotation, or a recovery key may have been seen.">
            {(props) => <input {...props} type="text" maxLength={500} value={rekeyReason} onChange={(e) => setRekeyReason(e.target.value)} />}
          </Field>
          <Field label="Your passphrase" required>
            {(props) => <input {...props} type="password" value={rekeyPassphrase} onChange={(e) => setRekeyPassphrase(e.target.value)} />}
          </Field>
        </Dialog>
      ) : null}
    </section>
  );
}

function TrainingReset() {
  const resetTraining = useSession((s) => s.resetTraining);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const reset = async () => {
    try {
      await resetTraining();
    } catch (e) {
      setMessage(errorMessage(e));
      setConfirming(false);
    }
  };
  return (
    <section className="card stack" aria-labelledby="training-title">
      <h2 id="training-title">Training vault</h2>
      <p>Start the practice again: every case returns to its starting point and everything done in training is erased.</p>
      {message !== null ? (
        <Alert kind="error">
          {message}
        </Alert>
      ) : null}
      <div className="row">
        <button type="button" className="btn" onClick={() => setConfirming(true)}>
          Reset training vault…
        </button>
      </div>
      {confirming ? (
        <Dialog
          title="Reset the training vault?"
          onClose={() => setConfirming(false)}
          actions={
            <>
              <button type="button" className="btn" data-dialog-close onClick={() => setConfirming(false)}>
                Cancel
              </button>
              <button type="button" className="btn btn-danger" onClick={() => void reset()}>
                Reset
              </button>
            </>
          }
        >
          <p>All practice work in the training vault is erased. The real vault is not touched.</p>
        </Dialog>
      ) : null}
    </section>
  );
}

/** Administration: users and roles (program manager), the vault's settings, one's own passphrase. */
export function Admin() {
  const me = useSession((s) => s.status?.user);
  const training = useSession((s) => s.status?.training === true);
  const isManager = me?.role === 'program_manager';
  const [users, setUsers] = useState<VaultUser[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<VaultUser | null>(null);
  const [removeReason, setRemoveReason] = useState('');
  const showRecoveryKey = useSession((s) => s.showRecoveryKey);

  const load = useCallback(async () => {
    try {
      setUsers(await call('users.list', {}));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const remove = async (user: VaultUser) => {
    try {
      const { recoveryKey } = await call('users.remove', { name: user.name, reason: removeReason });
      setRemoving(null);
      setRemoveReason('');
      showRecoveryKey(recoveryKey);
      await load();
    } catch (e) {
      setError(errorMessage(e));
      setRemoving(null);
    }
  };

  return (
    <section className="screen stack" aria-labelledby="screen-title">
      <div className="screen-head">
        <div>
          <h1 id="screen-title">Administration</h1>
          <p className="muted">Users and roles, and how the vault protects itself.</p>
        </div>
      </div>
      {error !== null ? (
        <Alert kind="error">
          {error}
        </Alert>
      ) : null}
      <section className="card stack" aria-labelledby="users-title">
        <h2 id="users-title">Users</h2>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Added</th>
              {isManager ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.name} data-user={user.name} tabIndex={-1}>
                <td>{user.name}</td>
                <td>{roleLabels[user.role]}</td>
                <td>{user.createdAt.slice(0, 10)}</td>
                {isManager ? (
                  <td>
                    {user.name !== me?.name ? (
                      <button type="button" className="btn-link" onClick={() => setRemoving(user)} aria-label={`Remove ${user.name}`}>
                        Remove
                      </button>
                    ) : (
                      <span className="muted">you</span>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        {isManager ? <AddUserForm onAdded={(name) => void load().then(() => focusWhenShown(() => document.querySelector<HTMLElement>(`tr[data-user="${CSS.escape(name)}"]`)))} /> : <p className="muted">Only a program manager adds or removes users.</p>}
        {isManager ? <ChangeRoleForm users={users} me={me?.name ?? ''} onChanged={() => void load()} /> : null}
      </section>
      {training ? <TrainingReset /> : null}
      <div className="grid-2">
        <ChangePassphrase />
        {isManager ? <VaultSettings /> : null}
      </div>
      {isManager ? <MarkingsSettings /> : null}
      {isManager ? <ProgramRulesSettings /> : null}
      {isManager ? <PacketRecipients /> : null}
      {removing !== null ? (
        <Dialog
          title={`Remove ${removing.name}?`}
          onClose={() => setRemoving(null)}
          actions={
            <>
              <button type="button" className="btn" data-dialog-close onClick={() => setRemoving(null)}>
                Cancel
              </button>
              <button type="button" className="btn btn-danger" onClick={() => void remove(removing)} disabled={removeReason.trim().length < 3}>
                Remove user
              </button>
            </>
          }
        >
          <p>
            {removing.name} will no longer be able to unlock the vault. The vault keys are replaced at the same time, so nothing {removing.name} may have kept (a copy of the key
            file, an old backup, a recovery key) opens the vault as it is now. Everyone else keeps their passphrase. A new recovery key is shown once, right after.
          </p>
          <p>Their past actions stay in the audit log; the removal and its reason are recorded there.</p>
          <Field label="Reason (kept in the audit log)" required>
            {(props) => <input {...props} type="text" maxLength={500} value={removeReason} onChange={(e) => setRemoveReason(e.target.value)} />}
          </Field>
        </Dialog>
      ) : null}
    </section>
  );
}
