import { AppError } from '../../../shared/contract';
import { can, caseRoleProblem, refusalMessage, relations, type CaseRole, type Relation } from '../../../shared/security/permissions';
import { caseIdByRef } from '../data/caseIds';
import { findCaseLead, setCaseLead, touchCase } from '../data/cases';
import { deleteCaseMember, findCaseMember, insertCaseMemberIfAbsent, insertTeamChange, listCaseMembers, upsertCaseMember } from '../data/caseTeam';
import { appendHubAudit, appendHubAuditIn, hubCaseRelation, hubError, hubRoleOf, hubUserRole, withHubSession, type HubLogin } from '../data/postgres/hub';
import { openHubStore } from '../data/postgres/store';
import { newId } from './ids';

export type HubTeamChange = { kind: 'assign'; to: string } | { kind: 'add'; name: string; caseRole: CaseRole } | { kind: 'remove'; name: string };

export interface HubTeam {
  caseId: string;
  number: string;
  lead: string | null;
  members: { name: string; caseRole: CaseRole }[];
}

const isRelation = (value: string): value is Relation => (relations as readonly string[]).includes(value);

/**
 * `case assign` and `case team` on a hub: the same rules as on a vault
 * (services/team.ts) with the hub's users. Who the login is to the case comes
 * from the server's own function, the login's and the other user's Offramp
 * roles from the server's group roles; the permission map decides, and the
 * server's row-level security and lead guard hold even if it did not. The
 * change, its reason and its audit event are written in one transaction.
 */
export async function changeHubTeam(login: HubLogin, ref: string, change: HubTeamChange, reason: string, now: Date): Promise<HubTeam> {
  const why = reason.trim();
  if (why.length === 0) throw new AppError('invalid_input', 'Give a reason for the change. Nothing was changed.');
  return withHubSession(login, async (client) => {
    const store = await openHubStore(login);
    try {
      const caseId = await caseIdByRef(store.q, ref);
      const c = caseId === null ? null : await findCaseLead(store.q, caseId);
      if (caseId === null || c === null) throw new AppError('not_found', `The hub has no case ${ref} that you may see. Nothing was changed.`);
      const actorRole = await hubUserRole(client);
      const related = await hubCaseRelation(client, caseId);
      const relation: Relation = isRelation(related) ? related : 'none';
      if (actorRole === null || !can({ name: login.user, role: actorRole }, 'team.change', relation)) {
        await appendHubAudit(client, { action: 'access.denied', caseId, detail: { operation: 'team.change', relation } });
        throw new AppError('forbidden', refusalMessage('team.change', relation));
      }
      const name = change.kind === 'assign' ? change.to : change.name;
      const role = await hubRoleOf(client, name);
      if (change.kind !== 'remove' && role === null) throw new AppError('not_found', `There is no hub user named ${name} with an Offramp role. Nothing was changed.`);
      const at = now.toISOString();
      const record = async (tx: Parameters<Parameters<typeof store.transaction>[0]>[0], kind: 'assign' | 'add' | 'remove', user: string, caseRole: CaseRole | 'lead' | null) => {
        const id = newId();
        await insertTeamChange(tx, { id, caseId, at, actor: login.user, change: kind, user, caseRole, reason: why });
        await appendHubAuditIn(tx, { action: `team.${kind}`, caseId, detail: { user, caseRole, changeId: id } });
        await touchCase(tx, caseId, at);
      };
      if (change.kind === 'assign') {
        const problem = role === null ? null : caseRoleProblem(role, 'lead');
        if (problem !== null) throw new AppError('invalid_input', `${name} cannot lead a case: ${problem}. Nothing was changed.`);
        if (c.lead === name) throw new AppError('conflict', `${name} already leads this case. Nothing was changed.`);
        const previousRole = c.lead === null ? null : await hubRoleOf(client, c.lead);
        await store.transaction(async (tx) => {
          await deleteCaseMember(tx, caseId, name);
          if (c.lead !== null && previousRole !== null && previousRole !== 'program_manager') await insertCaseMemberIfAbsent(tx, { caseId, userName: c.lead, caseRole: 'member' });
          await setCaseLead(tx, caseId, name);
          await record(tx, 'assign', name, 'lead');
        });
      } else if (change.kind === 'add') {
        const problem = role === null ? null : caseRoleProblem(role, change.caseRole);
        if (problem !== null) throw new AppError('invalid_input', `${name} (${(role ?? '').replace(/_/g, ' ')}) cannot join as ${change.caseRole}: ${problem}. Nothing was changed.`);
        if (c.lead === name) throw new AppError('conflict', `${name} leads this case; assign another lead first. Nothing was changed.`);
        if ((await findCaseMember(store.q, caseId, name))?.caseRole === change.caseRole) throw new AppError('conflict', `${name} is already on this team as ${change.caseRole}. Nothing was changed.`);
        await store.transaction(async (tx) => {
          await upsertCaseMember(tx, { caseId, userName: name, caseRole: change.caseRole });
          await record(tx, 'add', name, change.caseRole);
        });
      } else {
        if (c.lead === name) throw new AppError('conflict', `${name} leads this case: assign another lead first. Nothing was changed.`);
        if ((await findCaseMember(store.q, caseId, name)) === null) throw new AppError('conflict', `${name} is not on this case's team. Nothing was changed.`);
        await store.transaction(async (tx) => {
          await deleteCaseMember(tx, caseId, name);
          await record(tx, 'remove', name, null);
        });
      }
      const after = await findCaseLead(store.q, caseId);
      return { caseId, number: c.number, lead: after?.lead ?? null, members: (await listCaseMembers(store.q, caseId)).filter((m) => m.userName !== after?.lead).map((m) => ({ name: m.userName, caseRole: m.caseRole })) };
    } catch (error) {
      throw hubError(error, login.address);
    } finally {
      await store.close();
    }
  });
}
