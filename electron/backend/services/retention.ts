import { z } from 'zod';
import { AppError } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/ids';
import { caseStatusSchema, type CaseStatus } from '../../../shared/model/caseRecord';
import {
  addYears,
  measuredFromSchema,
  retentionDue,
  retentionProgramSchema,
  retentionRulesSchema,
  ruleFor,
  ruleKey,
  type DispositionCertificate,
  type DispositionDue,
  type RetentionRule,
  type StoredRetentionRule,
} from '../../../shared/model/retention';
import { MIN_DECISION_REASON } from '../../../shared/security/separation';
import { appendAudit, verifyAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import { getSetting } from '../vault/settings';
import { checkpointTruncate, purgeCase } from './purge';

/**
 * Retention rules, legal holds and disposition. A case is due for disposition
 * when the rule for its status and program has run out; a legal hold blocks
 * disposition; a program manager approves it by typing the case number. What
 * remains afterwards is one audit event, from which the certificate is built.
 */
export interface RecordsActor {
  name: string;
  role: Role;
}

export const DISPOSE_ACTION = 'retention.dispose';
export const DISPOSE_REAPPLIED_ACTION = 'retention.dispose_reapplied';

function requireRole(actor: RecordsActor, roles: readonly Role[], what: string): void {
  if (!roles.includes(actor.role)) throw new AppError('forbidden', `Only a ${roles.map((r) => r.replace('_', ' ')).join(' or ')} can ${what}.`);
}

interface RuleRow {
  status: string;
  program: string;
  years: number;
  measured_from: string;
  authority: string;
  updated_by: string;
  updated_at: string;
}

export function listRules(db: Db): StoredRetentionRule[] {
  const rows = db.prepare('SELECT status, program, years, measured_from, authority, updated_by, updated_at FROM retention_rules ORDER BY status, program').all() as RuleRow[];
  return rows.map((r) => ({
    status: caseStatusSchema.parse(r.status),
    program: retentionProgramSchema.parse(r.program),
    years: r.years,
    measuredFrom: measuredFromSchema.parse(r.measured_from),
    authority: r.authority,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  }));
}

/** Replaces the whole rule set in one audited transaction (program manager). */
export function setRules(db: Db, actor: RecordsActor, raw: readonly RetentionRule[], now: Date): StoredRetentionRule[] {
  requireRole(actor, ['program_manager'], 'set retention rules');
  const rules = retentionRulesSchema.parse(raw);
  const stamp = now.toISOString();
  db.transaction(() => {
    db.prepare('DELETE FROM retention_rules').run();
    const insert = db.prepare('INSERT INTO retention_rules (status, program, years, measured_from, authority, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const r of rules) insert.run(r.status, r.program, r.years, r.measuredFrom, r.authority, actor.name, stamp);
    appendAudit(db, { actor: actor.name, action: 'retention.set_rules', detail: { count: rules.length, rules: rules.map((r) => `${ruleKey(r)}:${r.years}y`) } }, now);
  })();
  return listRules(db);
}

interface CaseFactsRow {
  id: string;
  number: string;
  program: string;
  status: string;
  created_at: string;
  closed_at: string | null;
  last_activity_at: string;
  legal_hold: number;
}

const caseFactsSql = 'SELECT id, number, program, status, created_at, closed_at, last_activity_at, legal_hold FROM cases';

function dueFor(row: CaseFactsRow, rules: readonly StoredRetentionRule[]): Omit<DispositionDue, 'caseId' | 'number' | 'program' | 'status' | 'legalHold'> | null {
  const status = row.status as CaseStatus;
  const rule = ruleFor(rules, status, row.program);
  if (rule === undefined) return null;
  const due = retentionDue({ status, program: row.program, closedAt: row.closed_at, lastActivityAt: row.last_activity_at }, rule);
  if (due === null) return null;
  return { ...due, rule: { status: rule.status, program: rule.program, years: rule.years, measuredFrom: rule.measuredFrom, authority: rule.authority } };
}

/**
 * The statement behind `dispositionsDue`: only cases closed or last active
 * before `@before` (a date), each half through its index (migration 0015).
 */
// INDEXED BY: the planner must not fall back to reading every case on a small vault's statistics.
export const dispositionCandidatesSql = `${caseFactsSql} WHERE closed_at < @before UNION ALL ${caseFactsSql} INDEXED BY cases_sort_activity WHERE last_activity_at < @before AND (closed_at IS NULL OR closed_at >= @before)`;

/**
 * Cases whose retention has run out on `asOf` (YYYY-MM-DD), oldest first; held
 * cases are listed and flagged. Only cases whose retention could have started
 * early enough are read: closed or last active before `asOf` less the shortest
 * rule (two days of margin for 29 February); each is then checked exactly.
 */
export function dispositionsDue(db: Db, asOf: string): DispositionDue[] {
  const rules = listRules(db);
  if (rules.length === 0) return [];
  const shortest = Math.min(...rules.map((r) => r.years));
  const before = new Date(Date.parse(`${addYears(asOf, -shortest)}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
  const due: DispositionDue[] = [];
  for (const row of db.prepare(dispositionCandidatesSql).iterate({ before }) as IterableIterator<CaseFactsRow>) {
    const d = dueFor(row, rules);
    if (d === null || d.dueOn > asOf) continue;
    due.push({ caseId: row.id, number: row.number, program: row.program, status: row.status as CaseStatus, legalHold: row.legal_hold === 1, ...d });
  }
  return due.sort((a, b) => (a.dueOn === b.dueOn ? a.number.localeCompare(b.number) : a.dueOn.localeCompare(b.dueOn)));
}

export interface LegalHold {
  caseId: string;
  legalHold: boolean;
  reference: string;
  placedBy: string | null;
  placedAt: string | null;
}

/**
 * Places or clears a legal hold (program manager or legal). The reference (e.g.
 * a matter number) stays with the case; the audit event records only on or off.
 * Retention is not restarted: the case's last activity is left as it was.
 */
export function setLegalHold(db: Db, actor: RecordsActor, caseId: string, hold: boolean, reference: string, now: Date): LegalHold {
  requireRole(actor, ['program_manager', 'legal'], 'place or clear a legal hold');
  const exists = db.prepare('SELECT legal_hold FROM cases WHERE id = ?').get(caseId) as { legal_hold: number } | undefined;
  if (exists === undefined) throw new AppError('not_found', 'There is no such case.');
  const stamp = now.toISOString();
  db.transaction(() => {
    if (hold) {
      db.prepare(
        'INSERT INTO legal_holds (case_id, reference, placed_by, placed_at) VALUES (?, ?, ?, ?) ON CONFLICT(case_id) DO UPDATE SET reference = excluded.reference, placed_by = excluded.placed_by, placed_at = excluded.placed_at',
      ).run(caseId, reference, actor.name, stamp);
    } else {
      db.prepare('DELETE FROM legal_holds WHERE case_id = ?').run(caseId);
    }
    db.prepare('UPDATE cases SET legal_hold = ?, updated_at = ? WHERE id = ?').run(hold ? 1 : 0, stamp, caseId);
    appendAudit(db, { actor: actor.name, action: 'case.legal_hold', caseId, detail: { hold, wasHeld: exists.legal_hold === 1 } }, now);
  })();
  return legalHoldOf(db, caseId);
}

export function legalHoldOf(db: Db, caseId: string): LegalHold {
  const row = db.prepare('SELECT c.legal_hold, h.reference, h.placed_by, h.placed_at FROM cases c LEFT JOIN legal_holds h ON h.case_id = c.id WHERE c.id = ?').get(caseId) as
    | { legal_hold: number; reference: string | null; placed_by: string | null; placed_at: string | null }
    | undefined;
  if (row === undefined) throw new AppError('not_found', 'There is no such case.');
  return { caseId, legalHold: row.legal_hold === 1, reference: row.reference ?? '', placedBy: row.placed_by, placedAt: row.placed_at };
}

/** What the disposition's audit event records: ids, dates and the rule, never text from the case. */
const disposeDetailSchema = z.object({
  number: z.string(),
  program: z.string(),
  status: caseStatusSchema,
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  startedOn: z.string(),
  dueOn: z.string(),
  ruleStatus: caseStatusSchema,
  ruleProgram: retentionProgramSchema,
  years: z.number().int(),
  measuredFrom: measuredFromSchema,
  authority: z.string(),
  approvedBy: z.string(),
  /** The approver's reason; the only words of the disposition that survive it (absent before reasons were asked). */
  reason: z.string().optional(),
});
type DisposeDetail = z.infer<typeof disposeDetailSchema>;

export interface DisposeOutcome {
  certificate: DispositionCertificate;
  /** False when another connection kept the write-ahead log from being truncated. */
  checkpointed: boolean;
}

/**
 * Disposes of a case whose retention has run out: the approving program manager
 * typed its number and gave a reason; no legal hold; a rule applies and its
 * period is over. All of the case's data is deleted; one audit event remains,
 * with the reason (the case's own records, where other decisions keep theirs,
 * are deleted with it).
 */
export function disposeCase(db: Db, actor: RecordsActor, caseId: string, confirmNumber: string, reason: string, now: Date): DisposeOutcome {
  requireRole(actor, ['program_manager'], 'approve a disposition');
  const why = reason.trim();
  if (why.length < MIN_DECISION_REASON) throw new AppError('invalid_input', `Reason: write at least ${MIN_DECISION_REASON} characters saying why. Nothing was deleted.`);
  const row = db.prepare(`${caseFactsSql} WHERE id = ?`).get(caseId) as CaseFactsRow | undefined;
  if (row === undefined) throw new AppError('not_found', 'There is no such case.');
  if (confirmNumber.trim().toUpperCase() !== row.number.toUpperCase()) {
    throw new AppError('invalid_input', `The case number typed does not match case ${row.number}. Nothing was deleted.`);
  }
  if (row.legal_hold === 1) throw new AppError('conflict', `Case ${row.number} is on legal hold and cannot be disposed of. Nothing was deleted.`);
  const due = dueFor(row, listRules(db));
  if (due === null) throw new AppError('conflict', `No retention rule applies to case ${row.number}: it is kept until a rule covers it. Nothing was deleted.`);
  const today = now.toISOString().slice(0, 10);
  if (due.dueOn > today) throw new AppError('conflict', `Case ${row.number} must be kept until ${due.dueOn} (${due.rule.authority}). Nothing was deleted.`);
  const detail: DisposeDetail = {
    number: row.number,
    program: row.program,
    status: row.status as CaseStatus,
    openedOn: row.created_at.slice(0, 10),
    closedOn: row.closed_at?.slice(0, 10) ?? null,
    startedOn: due.startedOn,
    dueOn: due.dueOn,
    ruleStatus: due.rule.status,
    ruleProgram: due.rule.program,
    years: due.rule.years,
    measuredFrom: due.rule.measuredFrom,
    authority: due.rule.authority,
    approvedBy: actor.name,
    reason: why,
  };
  db.transaction(() => {
    purgeCase(db, caseId);
    appendAudit(db, { actor: actor.name, action: DISPOSE_ACTION, caseId, detail }, now);
  }).immediate();
  const checkpointed = checkpointTruncate(db);
  return { certificate: dispositionCertificate(db, caseId), checkpointed };
}

/**
 * Disposes again, in a restored vault, of a case the replaced vault had disposed
 * of after the backup was made, carrying the original approval forward.
 */
export function reapplyDisposition(db: Db, actor: string, caseId: string, original: { seq: number; detail: string }, now: Date): boolean {
  if (db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId) === undefined) return false;
  const parsed = disposeDetailSchema.safeParse(JSON.parse(original.detail));
  if (!parsed.success) throw new AppError('integrity', 'A disposition recorded in the replaced vault is not readable.');
  purgeCase(db, caseId);
  appendAudit(db, { actor, action: DISPOSE_REAPPLIED_ACTION, caseId, detail: { ...parsed.data, originalSeq: original.seq } }, now);
  return true;
}

/** Rebuilds a disposed case's certificate from its audit event, after checking the whole chain. */
export function dispositionCertificate(db: Db, caseId: string): DispositionCertificate {
  const event = db
    .prepare('SELECT seq, at, detail, prev_hash, hash FROM audit_events WHERE case_id = ? AND action IN (?, ?) ORDER BY seq DESC LIMIT 1')
    .get(caseId, DISPOSE_ACTION, DISPOSE_REAPPLIED_ACTION) as { seq: number; at: string; detail: string; prev_hash: string; hash: string } | undefined;
  if (event === undefined) throw new AppError('not_found', 'No disposition is recorded for that case.');
  const d = disposeDetailSchema.parse(JSON.parse(event.detail));
  return {
    vaultId: getSetting(db, 'vault_id') ?? '',
    caseId,
    caseNumber: d.number,
    program: d.program,
    status: d.status,
    openedOn: d.openedOn,
    closedOn: d.closedOn,
    retentionStartedOn: d.startedOn,
    dueOn: d.dueOn,
    disposedAt: event.at,
    rule: { status: d.ruleStatus, program: d.ruleProgram, years: d.years, measuredFrom: d.measuredFrom, authority: d.authority },
    approvedBy: d.approvedBy,
    reason: d.reason ?? null,
    audit: { seq: event.seq, hash: event.hash, prevHash: event.prev_hash },
    auditChainVerified: verifyAudit(db).ok,
  };
}
