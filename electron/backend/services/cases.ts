import { localToday, NOT_ASSESSED } from '../../../shared/model/schedule';
import { AppError } from '../../../shared/contract';
import type { CaseListInput, CaseListOutput, CaseView, Intake } from '../../../shared/contract/cases';
import { intakeSchema } from '../../../shared/contract/cases';
import { indicatorStages, type IndicatorStage, type Role } from '../../../shared/domain/ids';
import { caseRecordSchema, type CaseRecord } from '../../../shared/model/caseRecord';
import { storeOf } from '../data';
import { caseIdByIdOrNumber, caseIdsInNumberOrder, insertSubjectReveal, subjectRevealsOf, touchCaseRow } from '../data/sqlcipher/cases';
import { displayIdTaken } from '../data/sqlcipher/caseNumbers';
import { appendAudit } from '../vault/audit';
import { requireVaultOp } from './access';
import type { Db } from '../vault/database';
import type { VaultSession } from '../vault/session';
import type { Actor as PermissionActor } from '../../../shared/security/permissions';
import { insertCaseRecord, readCaseRecord } from './caseStore';
import { listCases } from './caseList';
import { refreshSchedule } from './schedule';
import { newDisplayId, newId, nextCaseNumber } from './ids';

export interface Actor {
  name: string;
  role?: PermissionActor['role'];
}

/** The furthest along the pathway of these stages; null when none is a stage this version knows. */
export function furthestStage(stages: readonly string[]): IndicatorStage | null {
  let best = -1;
  for (const s of stages) best = Math.max(best, indicatorStages.findIndex((stage) => stage === s));
  return indicatorStages[best] ?? null;
}

/** Opens a case from the intake form, in one transaction with its audit event. */
export function createCase(db: Db, actor: Actor, raw: Intake, now: Date): { id: string; number: string } {
  const input = intakeSchema.parse(raw);
  const stamp = now.toISOString();
  const today = stamp.slice(0, 10);
  if (input.report.receivedOn > today) throw new AppError('invalid_input', 'The report cannot be received in the future.');
  for (const i of input.indicators) if (i.observedOn > today) throw new AppError('invalid_input', 'An indicator cannot be observed in the future.');
  return db.transaction(() => {
    const id = newId();
    const number = nextCaseNumber(db, now.getUTCFullYear());
    const reportId = newId();
    const record: CaseRecord = {
      format: 'offramp-case',
      version: 1,
      case: {
        id,
        number,
        title: input.title,
        program: input.program,
        status: 'open',
        risk: NOT_ASSESSED,
        furthestStage: furthestStage(input.indicators.map((i) => i.stage)),
        assignedTo: input.assignedTo ?? actor.name,
        // The lead is not listed among the members; whoever opens a case for another lead stays on its team.
        members: (input.assignedTo ?? actor.name) === actor.name || actor.role === 'program_manager' ? [] : [actor.name],
        createdBy: actor.name,
        createdAt: stamp,
        updatedAt: stamp,
        lastActivityAt: stamp,
        nextReview: null,
        legalHold: false,
        closedAt: null,
        closureReason: null,
        sourcePacketId: null,
      },
      subject: { displayId: newDisplayId(db), ...input.subject },
      reports: [{ id: reportId, ...input.report, createdBy: actor.name, createdAt: stamp }],
      indicators: input.indicators.map((i) => ({ id: newId(), reportId, ...i, version: 1, createdBy: actor.name, createdAt: stamp, updatedAt: stamp })),
      analysis: [],
      checklist: [],
      assessments: [],
      determinations: [],
      strategies: [],
      actions: [],
      obligations: [],
      reportingRecords: [],
      reviews: [],
      evidence: [],
      custody: [],
    };
    insertCaseRecord(db, record);
    appendAudit(db, { actor: actor.name, action: 'case.create', caseId: id, detail: { number, program: input.program, indicators: input.indicators.length } }, now);
    return { id, number };
  })();
}

export { listCases, WALK_SORT_INDEX_ABOVE } from './caseList';

/** A page of the cases the user may see, recorded as one `case.list` event (counts only, never the query's text). */
export async function listVisibleCases(db: Db, viewer: PermissionActor, raw: CaseListInput, now: Date): Promise<CaseListOutput> {
  const page = await listCases(db, raw, { viewer, today: localToday(now) });
  appendAudit(db, { actor: viewer.name, action: 'case.list', detail: { searched: raw.query !== undefined, paged: raw.after !== undefined, shown: page.rows.length, total: page.total } }, now);
  return page;
}

/**
 * Every case the user may see (optionally matching a search), walked page by
 * page, recorded as one `case.list` event: the command line's listing.
 */
export async function listEveryVisibleCase(db: Db, viewer: PermissionActor, query: string | undefined, now: Date, pageSize = 500): Promise<CaseListOutput['rows']> {
  const all: CaseListOutput['rows'] = [];
  let after: CaseListInput['after'];
  for (;;) {
    const page = await listCases(db, { query, limit: pageSize, withTotal: false, ...(after === undefined ? {} : { after }) }, { viewer });
    all.push(...page.rows);
    if (page.nextCursor === null) break;
    after = page.nextCursor;
  }
  appendAudit(db, { actor: viewer.name, action: 'case.list', detail: { searched: query !== undefined, shown: all.length, total: all.length } }, now);
  return all;
}

export function requireCase(db: Db, caseId: string): CaseRecord {
  const record = readCaseRecord(db, caseId);
  if (record === null) throw new AppError('not_found', 'There is no such case.');
  return record;
}

export function isCaseTeam(record: CaseRecord, user: string): boolean {
  return record.case.assignedTo === user || record.case.members.includes(user);
}

/** The case each session has open: re-reading it after a change is not a new view. */
const openInSession = new WeakMap<VaultSession, string>();

/**
 * A case as its screen shows it, audited as a view. `refresh` re-reads the case
 * this session already has open (after a change made on it) without a second
 * `case.view` event; for any other case it is an ordinary, audited view.
 */
export function viewCase(session: VaultSession, caseId: string, now: Date, options: { refresh?: boolean } = {}): CaseView {
  return presentCase(session, requireCase(session.db, caseId), now, options);
}

/** The same, for a record already read (so one opening reads the case once). */
export function presentCase(session: VaultSession, record: CaseRecord, now: Date, options: { refresh?: boolean } = {}): CaseView {
  const caseId = record.case.id;
  const team = isCaseTeam(record, session.user.name);
  if (!(options.refresh === true && openInSession.get(session) === caseId)) {
    appendAudit(session.db, { actor: session.user.name, action: 'case.view', caseId }, now);
    openInSession.set(session, caseId);
  }
  return {
    ...record,
    subject: { ...record.subject, realName: null },
    reports: record.reports.map((r) => {
      const hidden = r.reporterConfidential && !team;
      return { ...r, reporter: hidden ? '' : r.reporter, reporterHidden: hidden };
    }),
  };
}

/**
 * The subject's real name, for one reason. The reason is kept with the case
 * (`subject_reveals`, disposed of with it); the audit event names the row.
 */
export function revealSubject(session: VaultSession, caseId: string, reason: string, now: Date): string {
  const record = requireCase(session.db, caseId);
  const revealId = newId();
  session.db.transaction(() => {
    insertSubjectReveal(session.db, { id: revealId, caseId, actor: session.user.name, at: now.toISOString(), reason });
    appendAudit(session.db, { actor: session.user.name, action: 'case.reveal_subject', caseId, detail: { revealId } }, now);
  })();
  return record.subject.realName;
}

export interface SubjectReveal {
  id: string;
  actor: string;
  at: string;
  reason: string;
}

/** Every reveal of a case's subject, newest first, with its reason. */
export function listSubjectReveals(db: Db, caseId: string): SubjectReveal[] {
  return subjectRevealsOf(db, caseId).map(({ id, actor, at, reason }) => ({ id, actor, at, reason }));
}

/** A case by its id or its number (OR-2026-0042), for the command line. */
export function findCaseId(db: Db, ref: string): string {
  const id = caseIdByIdOrNumber(db, ref, ref.toUpperCase());
  if (id === undefined) throw new AppError('not_found', `There is no case with the id or number ${ref} in this vault. Nothing was changed.`);
  return id;
}

/** Marks a change on a case: updated and last-activity times. */
export function touchCase(db: Db, caseId: string, now: Date): void {
  touchCaseRow(db, caseId, now.toISOString());
}

/** The whole records of these cases, or of every case in number order. */
export function exportCases(db: Db, ids?: readonly string[]): CaseRecord[] {
  return (ids ?? caseIdsInNumberOrder(db)).map((id) => requireCase(db, id));
}

/**
 * Imports JSON lines, all or nothing: every line is parsed and checked first; a
 * bad line names its number and the problem, and nothing is written.
 */
/** The named operation of importing cases (for the permission map). */
export const CASE_IMPORT_OPERATION = 'case.import';

/** Where imported cases come from, for the note each one carries. */
export interface ImportSource {
  /** How to name the input (a file name, or "standard input"). */
  name: string;
}

/** Human words for the tables a case record fills, for id collisions. */
const importedTables: Readonly<Record<string, string>> = {
  cases: 'the case id or number',
  subjects: 'the subject',
  reports: 'a report id',
  indicators: 'an indicator id',
  analysis_items: 'an analysis item id',
  assessments: 'an assessment id',
  strategies: 'a strategy id',
  actions: 'an action id',
  reporting_records: 'a reporting record id',
  reviews: 'a review id',
  evidence: 'an evidence id',
  checklist_items: 'a checklist item',
  determinations: 'a determination',
  obligations: 'an obligation',
};

function collisionMessage(error: unknown, line: number, number: string): AppError | null {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) return null;
  // Name the table in words; never pass on the database's own message.
  const table = /constraint failed: (\w+)\./.exec(error instanceof Error ? error.message : '')?.[1] ?? '';
  const what = importedTables[table] ?? 'an id';
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
    ? new AppError('conflict', `Line ${line}: case ${number}: ${what} is already in this vault (or earlier in the file); nothing was imported.`)
    : new AppError('invalid_input', `Line ${line}: case ${number} does not hold together (${what} refers to something missing or repeats a value); nothing was imported.`);
}

/**
 * Imports cases from JSON lines, all or nothing. Program managers only
 * (operation `case.import`). The file supplies the case's content; the importer
 * sets who and what it is here: every imported case arrives open, created by
 * and assigned to the importer (its only team member), with no legal hold, no
 * closure and no packet link, and its audit event notes where it came from
 * (the input's name and line, and the case's id and author as the file gave
 * them). An id that is already in the vault, or repeated in the file, is a
 * conflict naming the line.
 */
export async function importCases(db: Db, actor: Actor & { role: Role }, text: string, now: Date, source: ImportSource = { name: 'an import file' }): Promise<{ imported: number }> {
  // The permission map decides; a refused attempt is itself evidence and is recorded.
  requireVaultOp(db, actor, 'case.import', now);
  const records: { record: CaseRecord; line: number }[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new AppError('invalid_input', `Line ${index + 1}: not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
    }
    const result = caseRecordSchema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new AppError('invalid_input', `Line ${index + 1}: ${issue?.path.join('.') || '(case)'}: ${issue?.message ?? 'invalid'}.`);
    }
    records.push({ record: result.data, line: index + 1 });
  });
  if (records.length === 0) throw new AppError('invalid_input', 'The file holds no cases.');
  await storeOf({ db }).transaction(async (tx) => {
    for (const { record, line } of records) {
      if (caseIdByIdOrNumber(db, record.case.id, record.case.number) !== undefined) throw new AppError('conflict', `Line ${line}: case ${record.case.number} already exists in this vault (its id or number); nothing was imported.`);
      if (displayIdTaken(db, record.subject.displayId)) {
        throw new AppError('conflict', `Line ${line}: case ${record.case.number}: subject ${record.subject.displayId} already exists in this vault; nothing was imported.`);
      }
      const imported: CaseRecord = {
        ...record,
        case: {
          ...record.case,
          status: 'open',
          closedAt: null,
          closureReason: null,
          sourcePacketId: null,
          legalHold: false,
          createdBy: actor.name,
          assignedTo: actor.name,
          members: [],
        },
      };
      try {
        insertCaseRecord(db, imported);
      } catch (error) {
        throw collisionMessage(error, line, record.case.number) ?? error;
      }
      await refreshSchedule(tx, record.case.id);
      appendAudit(
        db,
        {
          actor: actor.name,
          action: CASE_IMPORT_OPERATION,
          caseId: record.case.id,
          detail: { number: record.case.number, from: source.name, line, statedAuthor: record.case.createdBy, statedStatus: record.case.status },
        },
        now,
      );
    }
  });
  return { imported: records.length };
}
