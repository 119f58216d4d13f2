import { catalog } from '../domain';
import { warningLabels } from '../domain/catalog/warnings';
import { riskLevels, type roles } from '../domain/ids';
import { decodeEffectiveness, effectivenessLabels } from '../model/effectiveness';

/**
 * Words, not codes: the one place that turns the internal codes of warnings, audit
 * events, fields and values into the words screens and printouts show. Pure (no
 * DOM, no Node). Codes may still be shown in a details line for support; nowhere
 * else.
 */

/** A UUID anywhere in a text. */
export const UUID_PATTERN = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
/** A snake_case code (two or more lower-case words joined by underscores). */
export const SNAKE_CODE_PATTERN = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/;

/** 'partly_effective' → 'Partly effective'; 'realName' → 'Real name'; 'case.print_pdf' → 'Case print pdf'. */
export function humanizeCode(code: string): string {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._\-=:]+/g, ' ')
    .trim()
    .toLowerCase();
  return words === '' ? code : words.charAt(0).toUpperCase() + words.slice(1);
}

/** The one list of warning names lives beside the rules that raise them. */
export { warningLabels };

export function warningLabel(code: string): string {
  return (warningLabels as Record<string, string>)[code] ?? humanizeCode(code);
}

/** What each audit event means, as the audit tab and the audit report say it. */
export const auditEventLabels: Readonly<Record<string, string>> = {
  'action.add': 'Proposed an action',
  'grants.established': 'Established the signed role grants',
  'grants.signed': 'Signed a role grant',
  'vault.grants_refused': 'Was refused: a role grant did not verify',
  'user.role_changed': "Changed a user's role",
  'programRules.save': 'Saved the program rules',
  'programRules.edit_refused': 'Was refused a program-rules change',
  'programRules.export': 'Exported the program rules',
  'audit.anchor': 'Wrote an audit anchor',
  'access.denied': 'Was refused access',
  'case.list': 'Listed cases',
  'case.import_refused': 'Was refused a case import',
  'evidence.custody': 'Recorded a custody hand-over',
  'evidence.view': 'Previewed evidence',
  'separation.refused': 'Was refused by separation of duties',
  'settings.dual_roles': 'Changed the dual-role setting',
  'subject.find': 'Looked up a subject',
  'team.migration_notice_shown': 'Was shown the case-team changes',
  'vault.keyslot_upgraded': 'Upgraded their keyslot',
  'case.tag_add': 'Added a tag',
  'case.tag_remove': 'Removed a tag',
  'case.edit': "Corrected the case's details",
  'subject.edit': "Corrected the subject's details",
  'report.edit': 'Corrected a report',
  'case.history': "Read the case's history",
  'action.signoff': 'Signed off an action (legal)',
  'action.transition': 'Changed the status of an action',
  'action.update': 'Changed an action',
  'analysis.add': 'Added an analysis item',
  'analysis.remove': 'Removed an analysis item',
  'analysis.save': 'Saved the analysis',
  'analysis.update': 'Changed an analysis item',
  'assessment.final': 'Marked the final assessment',
  'assessment.record': 'Recorded an assessment',
  'audit.verify': 'Verified the audit log',
  'case.close': 'Closed the case',
  'case.create': 'Opened the case',
  'case.export': 'Exported the case',
  'case.import': 'Imported a case',
  'case.import_packet': 'Imported a case from a referral packet',
  'case.json': 'Exported the case as data',
  'case.legal_hold': 'Changed the legal hold',
  'case.print': 'Printed the case summary',
  'case.print_pdf': 'Saved the case summary as PDF',
  'case.reopen': 'Reopened the case',
  'case.reveal_subject': "Revealed the subject's name",
  'case.view': 'Viewed the case',
  'checklist.set': 'Updated the checklist',
  'determinations.set': 'Answered determination questions',
  'evidence.add': 'Added evidence',
  'indicator.add': 'Added an indicator',
  'indicator.update': 'Changed an indicator',
  'packet.cover_sheet_pdf': 'Saved a packet cover sheet as PDF',
  'packet.cover_sheet_print': 'Printed a packet cover sheet',
  'packet.export': 'Exported a referral packet',
  'packet.import': 'Imported a referral packet',
  'packet.key_sealed': 'Sealed the packet-signing key to the program managers',
  'packet.open': 'Opened a referral packet',
  'packet.pin_key': 'Trusted a sender key',
  'packet.recipient_add': 'Added a packet recipient',
  'packet.recipient_change': 'Changed a packet recipient',
  'packet.recipient_remove': 'Removed a packet recipient',
  'packet.unpin_key': 'Stopped trusting a sender key',
  'packet.verify': 'Verified a referral packet',
  'report.add': 'Added a report',
  'reporting.record': 'Recorded a reporting obligation',
  'retention.certificate': 'Issued a disposition certificate',
  'retention.certificate_pdf': 'Saved a disposition certificate as PDF',
  'retention.certificate_print': 'Printed a disposition certificate',
  'retention.dispose': 'Disposed of a case',
  'retention.dispose_reapplied': 'Re-applied a disposition after a restore',
  'retention.set_rules': 'Changed the retention rules',
  'review.record': 'Recorded a review',
  'settings.backup_reminder': 'Changed the backup reminder',
  'settings.idle_lock': 'Changed the idle lock',
  'settings.markings': 'Changed the markings',
  'strategy.add': 'Added a mitigation strategy',
  'training.open': 'Opened the training vault',
  'training.reset': 'Reset the training vault',
  'training.seed': 'Filled the training vault',
  'user.add': 'Added a user',
  'user.passphrase_changed': 'Changed a passphrase',
  'user.remove': 'Removed a user',
  'vault.backup': 'Backed up the vault',
  'vault.backup_failed': 'A backup failed',
  'vault.check': 'Checked the vault',
  'vault.create': 'Created the vault',
  'vault.import': 'Imported a workstation vault into the hub',
  'vault.lock': 'Locked the vault',
  'vault.move_to_hub': 'Moved the vault into a hub',
  'vault.move_to_hub_failed': 'A move into a hub failed',
  'vault.recovered': 'Passphrase reset with the recovery key',
  'vault.rekey': 'Rotated the database key',
  'vault.restore': 'Restored the vault from a backup',
  'vault.unlock': 'Unlocked the vault',
  'vault.unlock_failed': 'A wrong passphrase was entered',
};

export function auditEventLabel(action: string): string {
  return auditEventLabels[action] ?? humanizeCode(action);
}

/** How a report reached the hub, in words. */
export const howReceivedLabels = {
  in_person: 'In person',
  phone: 'Phone',
  email: 'Email',
  hotline: 'Hotline',
  supervisor_referral: 'Supervisor referral',
  automated_alert: 'Automated alert (UAM)',
  records_check: 'Records check',
  other: 'Other',
} as const;

export const corroborationLabels = { uncorroborated: 'Uncorroborated', partially_corroborated: 'Partially corroborated', corroborated: 'Corroborated' } as const;

/** Field names as they appear in audit details, edit histories and messages. */
export const fieldLabels: Readonly<Record<string, string>> = {
  realName: 'Full name',
  employeeId: 'Employee ID',
  orgUnit: 'Organizational unit',
  position: 'Position',
  clearance: 'Clearance',
  facilityAccess: 'Facility access',
  systemAccess: 'System access',
  title: 'Title',
  program: 'Program',
  number: 'Case number',
  risk: 'Risk',
  imminence: 'Imminence',
  category: 'Category',
  stage: 'Pathway stage',
  recipient: 'Recipient',
  outcome: 'Outcome',
  ownerDiscipline: 'Owner discipline',
  option: 'Response option',
  sections: 'Sections',
  revealed: 'Name shown',
  pageSize: 'Paper',
  training: 'Training vault',
  reason: 'Reason',
  role: 'Role',
  user: 'User',
  minutes: 'Minutes',
  days: 'Days',
  hold: 'Legal hold',
  wasHeld: 'Was on hold',
  kind: 'Kind',
  addressed: 'Addressed',
  changed: 'Changed',
  facts: 'Determinations',
  indicators: 'Indicators',
  evidence: 'Evidence items',
  packetSha256: 'Packet SHA-256',
  manifestSha256: 'Manifest SHA-256',
  sha256: 'SHA-256',
  size: 'Size (bytes)',
  bytes: 'Size (bytes)',
  approvedBy: 'Approved by',
  attemptedAt: 'Attempted at',
  fingerprint: 'Fingerprint',
  encryption: 'Encryption',
  profile: 'Packet profile',
  pinned: 'Sender key trusted',
  count: 'Count',
  events: 'Events',
  ok: 'Passed',
  fields: 'Fields',
  from: 'Before',
  to: 'After',
  receivedOn: 'Date received',
  howReceived: 'How received',
  reporter: 'Reporter',
  reporterConfidential: 'Reporter kept confidential',
  narrative: 'Narrative',
  observedOn: 'Date observed',
  summary: 'Summary',
  detail: 'Detail',
  source: 'Source',
  corroboration: 'Corroboration',
  basis: 'Fact or opinion',
};

export function fieldLabel(key: string): string {
  return fieldLabels[key] ?? humanizeCode(key);
}

const optionLabels = Object.fromEntries(catalog.responseOptions.map((o) => [o.id, o.label]));
const factLabelMap = Object.fromEntries(catalog.facts.map((f) => [f.id, f.label]));
const categoryLabelMap = Object.fromEntries(catalog.priCategories.map((c) => [c.id, c.label]));
const disciplineLabelMap = Object.fromEntries(catalog.disciplines.map((d) => [d.id, d.label]));

export const roleValueLabels: Readonly<Record<(typeof roles)[number], string>> = {
  program_manager: 'Program manager',
  analyst: 'Analyst',
  legal: 'Legal',
  hr: 'Human resources',
  security: 'Security',
  cybersecurity: 'Cybersecurity',
  counterintelligence: 'Counterintelligence',
  law_enforcement: 'Law enforcement',
  behavioral_science: 'Behavioral science',
};

const riskValueLabels = Object.fromEntries(riskLevels.map((r) => [r, humanizeCode(r)]));

/** Every value code the app stores, with its words (a response option's name wins over a status of the same code). */
export const valueLabels: Readonly<Record<string, string>> = {
  ...riskValueLabels,
  ...roleValueLabels,
  ...factLabelMap,
  ...categoryLabelMap,
  ...disciplineLabelMap,
  ...effectivenessLabels,
  ...warningLabels,
  proposed: 'Proposed',
  legal_review: 'Legal review',
  approved: 'Approved',
  in_progress: 'In progress',
  done: 'Done',
  discontinued: 'Discontinued',
  reported: 'Reported',
  not_required: 'Not required',
  predisposition: 'Personal predispositions',
  stressor: 'Stressors',
  concerning_behavior: 'Concerning behaviors',
  immediately: 'Immediately',
  promptly: 'Promptly',
  per_internal_procedures: 'Per internal procedures',
  dod: 'DOD',
  federal: 'Federal',
  industry: 'Industry',
  open: 'Open',
  monitoring: 'Monitoring',
  closed: 'Closed',
  fbi: 'FBI',
  ditmac: 'DITMAC',
  mildep_ci: 'MILDEP counterintelligence',
  dcsa: 'DCSA',
  diss: 'DISS',
  internal: 'Internal procedures',
  A4: 'A4',
  Letter: 'US Letter',
  ...optionLabels,
};

/** A stored value in words; unknown codes are humanized, free text is kept. */
export function valueLabel(value: string): string {
  const known = valueLabels[value];
  if (known !== undefined) return known;
  // A determination kept as "fact=yes".
  const pair = /^([a-z][a-z0-9_]*)=(yes|no|true|false|unknown)$/.exec(value);
  if (pair !== null) return `${valueLabels[pair[1] ?? ''] ?? humanizeCode(pair[1] ?? '')}: ${pair[2] === 'yes' || pair[2] === 'true' ? 'yes' : pair[2] === 'unknown' ? 'unknown' : 'no'}`;
  return new RegExp(`^${SNAKE_CODE_PATTERN.source}$`).test(value) ? humanizeCode(value) : value;
}

/** An effectiveness entry ("too_early: note") in words. */
export function effectivenessText(stored: string): string {
  const { rating, note } = decodeEffectiveness(stored);
  if (rating === null) return note;
  return note.trim() === '' ? effectivenessLabels[rating] : `${effectivenessLabels[rating]} — ${note.trim()}`;
}

function isUuid(value: string): boolean {
  return new RegExp(`^${UUID_PATTERN.source}$`, 'i').test(value);
}

/**
 * The details of an audit event in words: fields by their labels, values by theirs,
 * ids replaced by the names of what they point to (or left out), so no UUID shows.
 * `names` answers an id with the name of its item (an action's option, an
 * indicator's summary, the case number…).
 */
export function auditDetailText(detail: Record<string, unknown>, names: (id: string) => string | undefined = () => undefined): string {
  const parts: string[] = [];
  for (const [key, raw] of Object.entries(detail)) {
    const idKey = /^(.*)Id$/.exec(key);
    // An id: a UUID, or any id an item of the case answers to (ids kept from an imported case or packet
    // need not be bare UUIDs); named, or left out when it holds a UUID no item answers to.
    if (typeof raw === 'string' && (isUuid(raw) || (idKey !== null && (names(raw) !== undefined || UUID_PATTERN.test(raw))))) {
      const name = names(raw);
      if (name !== undefined) parts.push(`${fieldLabel(idKey?.[1] ?? key)}: ${name}`);
      continue;
    }
    if (idKey !== null && typeof raw === 'string') {
      // An option, a fact, a category: known codes with names.
      parts.push(`${fieldLabel(idKey[1] ?? key)}: ${valueLabel(raw)}`);
      continue;
    }
    if (key === 'fields' && Array.isArray(raw)) {
      parts.push(`${fieldLabel(key)}: ${raw.map((f) => fieldLabel(String(f))).join(', ')}`);
      continue;
    }
    parts.push(`${fieldLabel(key)}: ${valueText(raw, names)}`);
  }
  return parts.join(' · ');
}

function valueText(raw: unknown, names: (id: string) => string | undefined): string {
  if (raw === null || raw === undefined) return '—';
  if (typeof raw === 'boolean') return raw ? 'yes' : 'no';
  if (typeof raw === 'number') return String(raw);
  if (typeof raw === 'string') return isUuid(raw) ? (names(raw) ?? 'an item') : valueLabel(raw);
  if (Array.isArray(raw)) return raw.map((v) => valueText(v, names)).join(', ');
  if (typeof raw === 'object') {
    return Object.entries(raw as Record<string, unknown>)
      .map(([k, v]) => `${fieldLabel(k)} ${valueText(v, names)}`)
      .join(', ');
  }
  return '—';
}
