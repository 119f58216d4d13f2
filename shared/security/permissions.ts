import type { Role } from '../domain/ids';

/**
 * The one permission map of Offramp: who may do what, by the user's vault role
 * and their relation to the case. The backend enforces it for every caller
 * (IPC, command line, packet import); the renderer reads the same map to show,
 * disable or hide. Nothing else decides access.
 */

/** What a user can be on one case's team, besides its lead. */
export const caseRoles = ['member', 'legal', 'viewer'] as const;
export type CaseRole = (typeof caseRoles)[number];

/** A user's relation to a case: the program manager sees every case; others only their teams'. */
export const relations = ['program_manager', 'lead', 'member', 'legal', 'viewer', 'none'] as const;
export type Relation = (typeof relations)[number];

export const operations = [
  // Case-scoped: decided by the relation to the case.
  'case.view',
  'case.timeline',
  'case.evidence',
  'case.auditTab',
  'case.print',
  'case.edit',
  'case.reveal',
  'case.packet',
  'team.change',
  // Vault-wide: decided by the role alone (the relation is 'none' or the manager's).
  'case.list',
  'case.create',
  'case.import',
  'case.export',
  'subject.find',
  'audit.log',
  'program.dashboard',
  'programRules.edit',
  'vault.backup',
  'vault.restore',
  'vault.addUser',
  'vault.removeUser',
  'vault.rekey',
  'vault.anchor',
] as const;
export type Operation = (typeof operations)[number];

const everyone = relations;
const team: readonly Relation[] = ['program_manager', 'lead', 'member', 'legal', 'viewer'];
const workers: readonly Relation[] = ['program_manager', 'lead', 'member', 'legal'];
const managerOnly: readonly Relation[] = ['program_manager'];

/** Operation → the relations that allow it. */
export const permissionMap: Readonly<Record<Operation, readonly Relation[]>> = {
  'case.view': team,
  'case.timeline': team,
  'case.evidence': team,
  'case.auditTab': team,
  'case.print': team,
  'case.edit': workers,
  'case.reveal': workers,
  'case.packet': ['program_manager', 'lead', 'member'],
  'team.change': ['program_manager', 'lead'],
  'case.list': everyone,
  'case.create': everyone,
  'case.import': managerOnly,
  'case.export': managerOnly,
  'subject.find': everyone,
  'audit.log': managerOnly,
  // Hub-wide figures: anyone else sees counts of their teams' cases only (Home's own counts).
  'program.dashboard': managerOnly,
  'programRules.edit': managerOnly,
  'vault.backup': managerOnly,
  'vault.restore': managerOnly,
  'vault.addUser': managerOnly,
  'vault.removeUser': managerOnly,
  'vault.rekey': managerOnly,
  'vault.anchor': managerOnly,
};

/**
 * Roles allowed to look a subject up by real name or employee id. Behavioral
 * science and HR members work from the pseudonymous case; the program manager,
 * analysts, legal, security, counterintelligence and law enforcement may need to
 * tie a person to a case.
 */
export const subjectLookupRoles: readonly Role[] = ['program_manager', 'analyst', 'legal', 'security', 'counterintelligence', 'law_enforcement'];

/** Plain words for each operation, for refusals and the audit log. */
export const operationWords: Readonly<Record<Operation, string>> = {
  'case.view': 'open this case',
  'case.timeline': "read this case's timeline",
  'case.evidence': "list this case's evidence",
  'case.auditTab': "read this case's audit trail",
  'case.print': 'print this case',
  'case.edit': 'change this case',
  'case.reveal': "reveal this case's subject",
  'case.packet': 'send a referral packet for this case',
  'team.change': "change this case's team",
  'case.list': 'list cases',
  'case.create': 'open a case',
  'case.import': 'import cases',
  'case.export': 'export cases',
  'subject.find': 'look a subject up by name',
  'audit.log': 'read the audit log',
  'program.dashboard': "see the whole hub's program dashboard",
  'programRules.edit': "edit the program's rules",
  'vault.backup': 'back up the vault',
  'vault.restore': 'restore the vault',
  'vault.addUser': 'add a user',
  'vault.removeUser': 'remove a user',
  'vault.rekey': "change the vault's key",
  'vault.anchor': 'export an audit anchor',
};

export interface Actor {
  readonly name: string;
  readonly role: Role;
}

/** The relation of a user to a case, from the case's lead and team rows (null: not on the team). */
export function relationOf(actor: Actor, lead: string | null, caseRole: CaseRole | null): Relation {
  if (actor.role === 'program_manager') return 'program_manager';
  if (lead !== null && lead === actor.name) return 'lead';
  return caseRole ?? 'none';
}

/** Whether the map allows `op` to this actor with this relation to the case. */
export function can(actor: Actor, op: Operation, relation: Relation): boolean {
  // The manager's relation comes from the role alone: no one else can claim it.
  const effective: Relation = actor.role === 'program_manager' ? 'program_manager' : relation === 'program_manager' ? 'none' : relation;
  if (op === 'subject.find' && !subjectLookupRoles.includes(actor.role)) return false;
  return permissionMap[op].includes(effective);
}

/** Which case roles a user with this vault role can hold; the lead is any non-legal role. */
export function caseRoleProblem(role: Role, caseRole: CaseRole | 'lead'): string | null {
  if (role === 'program_manager' && caseRole !== 'lead') return 'a program manager already sees every case and is not added to a team';
  if (caseRole === 'legal' && role !== 'legal') return 'only a user with the legal role can be the legal member of a team';
  if (role === 'legal' && (caseRole === 'lead' || caseRole === 'member')) return 'a legal user joins a team as legal or viewer, not as lead or member';
  return null;
}

/** The sentence of a refusal: names the operation, never case content. */
export function refusalMessage(op: Operation, relation: Relation): string {
  const why = operationScope(op) === 'vault' ? 'Your role does not allow it' : relation === 'none' ? "You are not on this case's team" : 'Your place on the case team does not allow it';
  const scope = operationScope(op) === 'vault' && permissionMap[op] === managerOnly ? ' Only a program manager can.' : '';
  return `You may not ${operationWords[op]}. ${why}.${scope} Nothing was changed.`;
}

const vaultOps: ReadonlySet<Operation> = new Set<Operation>(['case.list', 'case.create', 'case.import', 'case.export', 'subject.find', 'audit.log', 'programRules.edit', 'vault.backup', 'vault.restore', 'vault.addUser', 'vault.removeUser', 'vault.rekey', 'vault.anchor', 'program.dashboard']);

export function operationScope(op: Operation): 'case' | 'vault' {
  return vaultOps.has(op) ? 'vault' : 'case';
}

/**
 * Contract methods that act on one case (input `caseId`, or `id` for cases.get)
 * and only read it; every other case-scoped method changes the case and needs
 * 'case.edit'. The dispatcher applies this before any handler runs.
 */
export const caseReadMethods: Readonly<Record<string, Operation>> = {
  'cases.get': 'case.view',
  'cases.timeline': 'case.timeline',
  'evidence.list': 'case.evidence',
  'audit.list': 'case.auditTab',
  'cases.reveal': 'case.reveal',
  'cases.evaluate': 'case.view',
  'cases.legalHold': 'case.view',
  'indicators.history': 'case.view',
  'closure.readiness': 'case.view',
  'mitigation.preview': 'case.view',
  'monitoring.schedule': 'case.view',
  'packets.history': 'case.view',
  'packets.preview': 'case.packet',
  'packets.export': 'case.packet',
  'print.case': 'case.print',
  'print.dispositionCertificate': 'case.print',
  'retention.certificate': 'case.view',
  'team.get': 'case.view',
  'cases.history': 'case.view',
};

/** Case-scoped methods with their own operation (not 'case.edit'). */
export const caseMethodOperations: Readonly<Record<string, Operation>> = {
  ...caseReadMethods,
  'team.assign': 'team.change',
  'team.add': 'team.change',
  'team.remove': 'team.change',
};
