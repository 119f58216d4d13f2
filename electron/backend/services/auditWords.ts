import { operations, operationWords, type Operation } from '../../../shared/security/permissions';
import type { AuditEventKind } from '../../../shared/contract/auditLog';
import type { AuditEvent } from '../vault/audit';

/**
 * Audit events in words, for `offramp audit log`: who did what, when, to which
 * case. Built from the event's action and its detail's counts and names only
 * (the detail never holds case text).
 */
const phrases: Readonly<Record<string, string>> = {
  'vault.create': 'created the vault',
  'vault.unlock': 'unlocked the vault',
  'vault.unlock_failed': 'failed to unlock the vault',
  'vault.lock': 'locked the vault',
  'vault.check': 'checked the vault',
  'vault.backup': 'backed up the vault',
  'vault.backup_failed': 'tried to back up the vault (failed)',
  'vault.restore': 'restored the vault from a backup',
  'vault.import': 'imported a workstation vault into the hub',
  'vault.move_to_hub': 'moved the vault into a hub',
  'vault.move_to_hub_failed': 'tried to move the vault into a hub (failed)',
  'vault.rekey': "changed the vault's key",
  'user.add': 'added a user',
  'user.remove': 'removed a user',
  'user.passphrase_changed': 'changed their passphrase',
  'audit.verify': 'verified the audit log',
  'audit.read': 'read the audit log',
  'case.audit_read': "read the case's audit trail",
  'case.create': 'opened the case',
  'case.view': 'viewed the case',
  'case.list': 'listed cases',
  'case.timeline': "read the case's timeline",
  'evidence.list': "listed the case's evidence",
  'case.reveal_subject': "revealed the case's subject",
  'case.import': 'imported the case',
  'case.export': 'exported the case',
  'case.close': 'closed the case',
  'case.reopen': 'reopened the case',
  'case.legal_hold': 'changed the legal hold',
  'case.import_packet': 'imported the case from a packet',
  'packet.export': 'sent a referral packet',
  'packet.recipient_add': 'added a recipient to the address book',
  'packet.recipient_change': 'changed a recipient in the address book',
  'packet.recipient_remove': 'removed a recipient from the address book',
  'subject.find': 'looked a subject up by name or employee id',
  'team.assign': 'assigned the case',
  'team.add': "changed the case's team",
  'team.remove': 'took someone off the case team',
  'team.migration_notice_shown': 'was shown the move to case teams',
  'report.add': 'added a report',
  'indicator.add': 'added an indicator',
  'indicator.update': 'updated an indicator',
  'evidence.add': 'took in evidence',
  'action.add': 'proposed an action',
  'action.signoff': 'gave legal sign-off on an action',
  'action.transition': 'moved an action on',
  'review.record': 'recorded a review',
  'assessment.record': 'recorded an assessment',
  'case.edit': "corrected the case's details, with a reason",
  'subject.edit': "corrected the subject's details, with a reason",
  'report.edit': 'corrected a report, with a reason',
  'case.history': "read the case's history",
};

const isOperation = (value: unknown): value is Operation => typeof value === 'string' && (operations as readonly string[]).includes(value);

export function describeEvent(event: AuditEvent): string {
  const d = event.detail;
  if (event.action === 'access.denied') {
    const op = d['operation'];
    return `was refused: may not ${isOperation(op) ? operationWords[op] : String(op)}`;
  }
  const base = phrases[event.action] ?? event.action.replace(/[._]/g, ' ');
  const user = typeof d['user'] === 'string' ? d['user'] : null;
  switch (event.action) {
    case 'team.assign':
      return `assigned the case to ${user ?? 'someone'}`;
    case 'team.add':
      return `put ${user ?? 'someone'} on the case team as ${typeof d['caseRole'] === 'string' ? d['caseRole'] : 'member'}`;
    case 'team.remove':
      return `took ${user ?? 'someone'} off the case team`;
    case 'user.add':
    case 'user.remove':
      return user === null ? base : `${base}: ${user}`;
    case 'vault.recovered':
      return `Passphrase reset with the recovery key for ${user ?? 'a program manager'}${typeof d['reason'] === 'string' ? `: ${d['reason']}` : ''}`;
    case 'case.list':
      return `${d['searched'] === true ? 'searched' : 'listed'} cases (${typeof d['total'] === 'number' ? d['total'] : 0} found)`;
    case 'subject.find':
      return `${base} (${typeof d['found'] === 'number' ? d['found'] : 0} found)`;
    default:
      return base;
  }
}

/** The actions each kind of audit event holds (shared/contract/auditLog.ts names the kinds). */
const kindActions: Readonly<Record<Exclude<AuditEventKind, 'casework'>, readonly string[]>> = {
  access: ['vault.unlock', 'vault.unlock_failed', 'vault.lock', 'user.passphrase_changed'],
  reads: ['case.view', 'case.list', 'case.timeline', 'evidence.list', 'case.audit_read', 'audit.read', 'case.export', 'packet.export'],
  lookups: ['subject.find', 'case.reveal_subject'],
  refusals: ['access.denied'],
  team: ['team.assign', 'team.add', 'team.remove', 'team.migration_notice_shown'],
  vault: ['vault.create', 'vault.check', 'vault.backup', 'vault.backup_failed', 'vault.restore', 'vault.import', 'vault.move_to_hub', 'vault.move_to_hub_failed', 'vault.rekey', 'user.add', 'user.remove', 'audit.verify'],
};

/**
 * The SQL condition on `action` for one kind of event, with its parameters.
 * Case work is everything the other kinds do not name.
 */
export function auditKindFilter(kind: AuditEventKind): { sql: string; params: string[] } {
  if (kind !== 'casework') {
    const actions = kindActions[kind];
    return { sql: `action IN (${actions.map(() => '?').join(', ')})`, params: [...actions] };
  }
  const named = Object.values(kindActions).flat();
  return { sql: `action NOT IN (${named.map(() => '?').join(', ')})`, params: named };
}
