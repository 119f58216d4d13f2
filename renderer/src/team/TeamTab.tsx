import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import type { CaseRole } from '../../../shared/security/permissions';
import { call, errorMessage } from '../api/client';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { FocusedStatus } from '../components/FocusedStatus';
import { useCaseQuery } from '../stores/currentCase';
import { useCan } from './usePermission';
import { Alert } from '../components/Alert';
import { RoleSelect } from '../components/RoleSelect';
import { caseRoleLabels } from '../labels';

type Team = MethodOutput<'team.get'>;
type Users = MethodOutput<'users.list'>;

const changeLabels = { assign: 'Assigned as lead', add: 'Added to the team', remove: 'Taken off the team' } as const;

type Pending = { kind: 'add'; user: string; caseRole: CaseRole } | { kind: 'remove'; user: string } | { kind: 'assign'; user: string };

/**
 * The case's team: its lead and members with their case roles, and every
 * change with its reason. The program manager and the lead change it; each
 * change asks for a reason, which is kept with the case and audited.
 */
export function TeamTab({ caseId }: { caseId: string }) {
  const [team, setTeam] = useState<Team | null>(null);
  const [users, setUsers] = useState<Users>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [addUser, setAddUser] = useState('');
  const [addRole, setAddRole] = useState<CaseRole>('member');
  const [leadUser, setLeadUser] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const { refetch: reloadCase } = useCaseQuery();
  const canChange = useCan('team.change', team?.myRelation ?? 'none');

  const refresh = useCallback(() => {
    call('team.get', { caseId }).then(setTeam, (e: unknown) => setMessage({ kind: 'error', text: errorMessage(e) }));
  }, [caseId]);
  useEffect(() => {
    refresh();
    call('users.list', {}).then(setUsers, () => setUsers([]));
  }, [refresh]);

  const open = (p: Pending) => {
    if (p.user === '') {
      setMessage({ kind: 'error', text: 'Choose a user first.' });
      return;
    }
    setMessage(null);
    setReason('');
    setReasonError(undefined);
    setPending(p);
  };

  const confirm = async () => {
    if (pending === null) return;
    if (reason.trim().length === 0) {
      setReasonError('Reason: say why the team changes (kept with the case).');
      return;
    }
    try {
      const next =
        pending.kind === 'add'
          ? await call('team.add', { caseId, user: pending.user, caseRole: pending.caseRole, reason })
          : pending.kind === 'remove'
            ? await call('team.remove', { caseId, user: pending.user, reason })
            : await call('team.assign', { caseId, to: pending.user, reason });
      setTeam({ ...next, myRelation: team?.myRelation ?? 'none' });
      setPending(null);
      setAddUser('');
      setLeadUser('');
      setMessage({ kind: 'ok', text: `${describe(pending)}. Recorded with its reason in the audit log.` });
      refresh();
      if (pending.kind === 'assign') await reloadCase();
    } catch (e) {
      setPending(null);
      setMessage({ kind: 'error', text: errorMessage(e) });
    }
  };

  if (team === null) return message === null ? <p className="muted">Loading the team…</p> : <Alert kind="error">{message.text}</Alert>;
  const onTeam = new Set([team.lead?.name, ...team.members.map((m) => m.name)]);
  const candidates = users.filter((u) => !onTeam.has(u.name) && u.role !== 'program_manager');
  const leadCandidates = users.filter((u) => u.name !== team.lead?.name && u.role !== 'legal');

  return (
    <div className="stack">
      {message !== null ? (
        <FocusedStatus kind={message.kind} token={message} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </FocusedStatus>
      ) : null}
      <section className="card stack" aria-labelledby="team-title">
        <h2 id="team-title">Case team</h2>
        <p className="muted">The program manager sees every case. Anyone else sees, searches, opens, prints and exports only the cases whose team they are on.</p>
        <table className="data">
          <caption className="visually-hidden">People on this case</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">On this case</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {team.lead !== null ? (
              <tr>
                <td>{team.lead.name}{team.lead.removed ? ' (removed from the vault)' : ''}</td>
                <td>{caseRoleLabels.lead}</td>
                <td />
              </tr>
            ) : null}
            {team.members.map((m) => (
              <tr key={m.name}>
                <td>{m.name}{m.removed ? ' (removed from the vault)' : ''}</td>
                <td>{caseRoleLabels[m.caseRole]}</td>
                <td>
                  {canChange ? (
                    <button type="button" className="btn" onClick={() => open({ kind: 'remove', user: m.name })}>
                      Remove {m.name}…
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!canChange ? <p className="muted">The program manager or the case lead changes the team.</p> : null}
      </section>
      {canChange ? (
        <section className="card stack" aria-labelledby="team-change-title">
          <h2 id="team-change-title">Change the team</h2>
          <div className="row records-inline-form">
            <Field label="Add a person">
              {(p) => (
                <select {...p} value={addUser} onChange={(e) => setAddUser(e.target.value)}>
                  <option value="">Choose…</option>
                  {candidates.map((u) => (
                    <option key={u.name} value={u.name}>
                      {u.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="As">
              {(p) => <RoleSelect {...p} of="case" value={addRole} onChange={setAddRole} />}
            </Field>
            <button type="button" className="btn" onClick={() => open({ kind: 'add', user: addUser, caseRole: addRole })}>
              Add to team…
            </button>
          </div>
          <div className="row records-inline-form">
            <Field label="New lead">
              {(p) => (
                <select {...p} value={leadUser} onChange={(e) => setLeadUser(e.target.value)}>
                  <option value="">Choose…</option>
                  {leadCandidates.map((u) => (
                    <option key={u.name} value={u.name}>
                      {u.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="button" className="btn" onClick={() => open({ kind: 'assign', user: leadUser })}>
              Reassign lead…
            </button>
          </div>
        </section>
      ) : null}
      <section className="card stack" aria-labelledby="team-history-title">
        <h2 id="team-history-title">Changes to the team</h2>
        {team.changes.length === 0 ? (
          <p className="muted">No changes since the case was opened.</p>
        ) : (
          <ul className="plain-list">
            {team.changes.map((c) => (
              <li key={c.id}>
                <strong>{changeLabels[c.change]}:</strong> {c.user}
                {c.caseRole !== null && c.change === 'add' ? ` as ${caseRoleLabels[c.caseRole].toLowerCase()}` : ''} — by {c.actor}, {c.at.slice(0, 10)}. Reason: {c.reason}
              </li>
            ))}
          </ul>
        )}
      </section>
      {pending !== null ? (
        <Dialog
          title={`${describe(pending)}?`}
          onClose={() => setPending(null)}
          actions={
            <>
              <button type="button" className="btn" data-dialog-close onClick={() => setPending(null)}>
                Cancel
              </button>
              <button type="button" className="btn btn-primary" onClick={() => void confirm()}>
                Confirm
              </button>
            </>
          }
        >
          <Field label="Reason" required error={reasonError} hint="Kept with the case and shown in its team history.">
            {(p) => <textarea {...p} rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        </Dialog>
      ) : null}
    </div>
  );
}

function describe(p: Pending): string {
  if (p.kind === 'add') return `Add ${p.user} as ${caseRoleLabels[p.caseRole].toLowerCase()}`;
  if (p.kind === 'remove') return `Take ${p.user} off the team`;
  return `Make ${p.user} the lead`;
}
