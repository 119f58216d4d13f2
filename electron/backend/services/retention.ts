import { z } from 'zod';
import { localToday } from '../../../shared/model/schedule';
import { AppError } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/ids';
import { caseStatusSchema } from '../../../shared/model/caseRecord';
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
import { storeOf, type Queries } from '../data';
import { lastEventOfCase } from '../data/auditLog';
import { caseExists } from '../data/cases';
import { checkpointTruncate, purgeCase } from '../data/disposal';
import {
  caseRetentionFacts,
  dispositionCandidates,
  legalHoldOfCase,
  listRetentionRules,
  replaceRetentionRules,
  writeLegalHold,
  type CaseRetentionFacts,
} from '../data/retention';
import { appendAudit, verifyAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import { getSetting } from '../vault/settings';

export { dispositionCandidatesSql } from '../data/retention';

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

export async function listRules(db: Db): Promise<StoredRetentionRule[]> {
  return listRetentionRules(storeOf({ db }).q);
}

/** Replaces the whole rule set in one audited transaction (program manager). */
export async function setRules(db: Db, actor: RecordsActor, raw: readonly RetentionRule[], now: Date): Promise<StoredRetentionRule[]> {
  requireRole(actor, ['program_manager'], 'set retention rules');
  const rules = retentionRulesSchema.parse(raw);
  const stamp = now.toISOString();
  return storeOf({ db }).transaction(async (tx) => {
    await replaceRetentionRules(
      tx,
      rules.map((r) => ({ ...r, updatedBy: actor.name, updatedAt: stamp })),
    );
    appendAudit(db, { actor: actor.name, action: 'retention.set_rules', detail: { count: rules.length, rules: rules.map((r) => `${ruleKey(r)}:${r.years}y`) } }, now);
    return listRetentionRules(tx);
  });
}

function dueFor(row: CaseRetentionFacts, rules: readonly StoredRetentionRule[]): Omit<DispositionDue, 'caseId' | 'number' | 'program' | 'status' | 'legalHold'> | null {
  const status = caseStatusSchema.parse(row.status);
  const rule = ruleFor(rules, status, row.program);
  if (rule === undefined) return null;
  const due = retentionDue({ status, program: row.program, closedAt: row.closedAt, lastActivityAt: row.lastActivityAt }, rule);
  if (due === null) return null;
  return { ...due, rule: { status: rule.status, program: rule.program, years: rule.years, measuredFrom: rule.measuredFrom, authority: rule.authority } };
}

/**
 * Cases whose retention has run out on `asOf` (YYYY-MM-DD), oldest first; held
 * cases are listed and flagged. Only cases whose retention could have started
 * early enough are read: closed or last active before `asOf` less the shortest
 * rule (two days of margin for 29 February); each is then checked exactly.
 */
export async function dispositionsDue(db: Db, asOf: string): Promise<DispositionDue[]> {
  const { q } = storeOf({ db });
  const rules = await listRetentionRules(q);
  if (rules.length === 0) return [];
  const shortest = Math.min(...rules.map((r) => r.years));
  const before = new Date(Date.parse(`${addYears(asOf, -shortest)}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
  const due: DispositionDue[] = [];
  for (const row of await dispositionCandidates(q, before)) {
    const d = dueFor(row, rules);
    if (d === null || d.dueOn > asOf) continue;
    due.push({ caseId: row.id, number: row.number, program: row.program, status: caseStatusSchema.parse(row.status), legalHold: row.legalHold, ...d });
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
export async function setLegalHold(db: Db, actor: RecordsActor, caseId: string, hold: boolean, reference: string, now: Date): Promise<LegalHold> {
  requireRole(actor, ['program_manager', 'legal'], 'place or clear a legal hold');
  const stamp = now.toISOString();
  return storeOf({ db }).transaction(async (tx) => {
    const before = await caseRetentionFacts(tx, caseId);
    if (before === null) throw new AppError('not_found', 'There is no such case.');
    await writeLegalHold(tx, caseId, hold ? { reference, placedBy: actor.name } : null, stamp);
    appendAudit(db, { actor: actor.name, action: 'case.legal_hold', caseId, detail: { hold, wasHeld: before.legalHold } }, now);
    return requireHold(await legalHoldOfCase(tx, caseId));
  });
}

function requireHold(hold: LegalHold | null): LegalHold {
  if (hold === null) throw new AppError('not_found', 'There is no such case.');
  return hold;
}

export async function legalHoldOf(db: Db, caseId: string): Promise<LegalHold> {
  return requireHold(await legalHoldOfCase(storeOf({ db }).q, caseId));
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
export async function disposeCase(db: Db, actor: RecordsActor, caseId: string, confirmNumber: string, reason: string, now: Date): Promise<DisposeOutcome> {
  requireRole(actor, ['program_manager'], 'approve a disposition');
  const why = reason.trim();
  if (why.length < MIN_DECISION_REASON) throw new AppError('invalid_input', `Reason: write at least ${MIN_DECISION_REASON} characters saying why. Nothing was deleted.`);
  // The case is checked and deleted, and the event recorded, in one transaction: nothing can put a hold on it in between.
  await storeOf({ db }).transaction(async (tx) => {
    const row = await caseRetentionFacts(tx, caseId);
    if (row === null) throw new AppError('not_found', 'There is no such case.');
    if (confirmNumber.trim().toUpperCase() !== row.number.toUpperCase()) {
      throw new AppError('invalid_input', `The case number typed does not match case ${row.number}. Nothing was deleted.`);
    }
    if (row.legalHold) throw new AppError('conflict', `Case ${row.number} is on legal hold and cannot be disposed of. Nothing was deleted.`);
    const due = dueFor(row, await listRetentionRules(tx));
    if (due === null) throw new AppError('conflict', `No retention rule applies to case ${row.number}: it is kept until a rule covers it. Nothing was deleted.`);
    // "Today" is the workstation's local date, the one the screens show and the due date is compared with there.
    const today = localToday(now);
    if (due.dueOn > today) throw new AppError('conflict', `Case ${row.number} must be kept until ${due.dueOn} (${due.rule.authority}). Nothing was deleted.`);
    const detail: DisposeDetail = {
      number: row.number,
      program: row.program,
      status: caseStatusSchema.parse(row.status),
      openedOn: row.createdAt.slice(0, 10),
      closedOn: row.closedAt?.slice(0, 10) ?? null,
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
    // The engine's deletion and the audit append run on the same connection, inside this transaction.
    purgeCase(db, caseId);
    appendAudit(db, { actor: actor.name, action: DISPOSE_ACTION, caseId, detail }, now);
  });
  const checkpointed = checkpointTruncate(db);
  return { certificate: await dispositionCertificate(db, caseId), checkpointed };
}

/**
 * Disposes again, in a restored vault, of a case the replaced vault had disposed
 * of after the backup was made, carrying the original approval forward. Call
 * inside a transaction of `db`'s store, with its queries as `tx`.
 */
export async function reapplyDisposition(db: Db, tx: Queries, actor: string, caseId: string, original: { seq: number; detail: string }, now: Date): Promise<boolean> {
  if (!(await caseExists(tx, caseId))) return false;
  const parsed = disposeDetailSchema.safeParse(JSON.parse(original.detail));
  if (!parsed.success) throw new AppError('integrity', 'A disposition recorded in the replaced vault is not readable.');
  purgeCase(db, caseId);
  appendAudit(db, { actor, action: DISPOSE_REAPPLIED_ACTION, caseId, detail: { ...parsed.data, originalSeq: original.seq } }, now);
  return true;
}

/** Rebuilds a disposed case's certificate from its audit event, after checking the whole chain. */
export async function dispositionCertificate(db: Db, caseId: string): Promise<DispositionCertificate> {
  const event = await lastEventOfCase(storeOf({ db }).q, caseId, [DISPOSE_ACTION, DISPOSE_REAPPLIED_ACTION]);
  if (event === null) throw new AppError('not_found', 'No disposition is recorded for that case.');
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
    audit: { seq: event.seq, hash: event.hash, prevHash: event.prevHash },
    auditChainVerified: verifyAudit(db).ok,
  };
}
