import { useState, type FormEvent } from 'react';
import type { VaultUser } from '../../../shared/contract/vault';
import type { Role } from '../../../shared/domain/ids';
import { call, errorMessage } from '../api/client';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { roleLabels } from '../labels';
import { Alert } from '../components/Alert';
import { RoleSelect } from '../components/RoleSelect';

/**
 * Administration → Users: a program manager changes another user's role. The
 * backend signs a new grant with the manager's own key (users.setRole); the
 * change is confirmed first and recorded in the audit log.
 */
export function ChangeRoleForm({ users, me, onChanged }: { users: readonly VaultUser[]; me: string; onChanged: () => void }) {
  const others = users.filter((u) => u.name !== me);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  if (others.length === 0) return null;
  const current = others.find((u) => u.name === name);

  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (current === undefined) return setMessage({ kind: 'error', text: 'User: choose whose role to change.' });
    if (role === '') return setMessage({ kind: 'error', text: 'New role: choose one.' });
    if (role === current.role) return setMessage({ kind: 'error', text: `${current.name} already has that role.` });
    setMessage(null);
    setConfirming(true);
  };
  const change = async () => {
    setConfirming(false);
    try {
      const changed = await call('users.setRole', { name, role: role as Role });
      setMessage({ kind: 'ok', text: `${changed.name} is now ${roleLabels[changed.role].toLowerCase()}. The change is signed with your key and recorded in the audit log.` });
      setName('');
      setRole('');
      onChanged();
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    }
  };

  return (
    <form className="stack" onSubmit={ask} noValidate aria-labelledby="change-role-title">
      <h3 id="change-role-title">Change a role</h3>
      {message !== null ? (
        <Alert kind={message.kind}>
          {message.text}
        </Alert>
      ) : null}
      <div className="row">
        <Field label="User" required>
          {(props) => (
            <select {...props} value={name} onChange={(e) => setName(e.target.value)}>
              <option value="">Choose…</option>
              {others.map((u) => (
                <option key={u.name} value={u.name}>
                  {u.name} ({roleLabels[u.role]})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="New role" required>
          {(props) => <RoleSelect {...props} of="vault" placeholder="Choose…" value={role} onChange={setRole} />}
        </Field>
      </div>
      <div className="row">
        <button type="submit" className="btn">
          Change role…
        </button>
      </div>
      {confirming && current !== undefined && role !== '' ? (
        <Dialog
          title={`Change ${current.name}'s role?`}
          onClose={() => setConfirming(false)}
          actions={
            <>
              <button type="button" className="btn" data-dialog-close onClick={() => setConfirming(false)}>
                Cancel
              </button>
              <button type="button" className="btn btn-primary" onClick={() => void change()}>
                Change to {roleLabels[role]}
              </button>
            </>
          }
        >
          <p>
            {current.name} goes from {roleLabels[current.role]} to {roleLabels[role]} at their next unlock. The new role is granted by a record signed with your own key; it is
            recorded in the audit log.
          </p>
        </Dialog>
      ) : null}
    </form>
  );
}
