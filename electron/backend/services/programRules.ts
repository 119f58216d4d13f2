import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError, type MethodOutput } from '../../../shared/contract';
import type { ReportingRule } from '../../../shared/domain/reporting/rule';
import { reportingRules } from '../../../shared/domain/reporting/rules';
import { PROGRAM_RULES_FORMAT, programRulesDocumentSchema, type ProgramRulesDocument } from '../../../shared/domain/programRules/schema';
import type { HostServices } from '../context';
import { describeZodError } from '../dispatcher';
import { appendAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import type { VaultSession } from '../vault/session';

/**
 * The program's own reporting rules (thresholds, internal recipients, timings),
 * kept in the vault as versions: every save validates the whole document with
 * the shared schema, adds a version with who, when and why, and is audited. The
 * newest version is in force for every evaluation the app makes; the shipped
 * rules stay read-only (the schema refuses a program rule that reuses their ids).
 */

/** The operation a program manager alone may perform. */
export const PROGRAM_RULES_EDIT_OPERATION = 'programRules.edit';

export interface ProgramRulesVersion {
  version: number;
  savedBy: string;
  savedAt: string;
  reason: string;
  document: ProgramRulesDocument;
}

interface VersionRow {
  version: number;
  document: string;
  saved_by: string;
  saved_at: string;
  reason: string;
}

/**
 * The check for `programRules.edit`: only a program manager changes the
 * program's rules. A refusal is itself recorded in the audit log, then refused.
 */
export function authorizeProgramRulesEdit(session: VaultSession, now: Date): void {
  if (session.user.role === 'program_manager') return;
  appendAudit(session.db, { actor: session.user.name, action: 'programRules.edit_refused', detail: { operation: PROGRAM_RULES_EDIT_OPERATION, role: session.user.role } }, now);
  throw new AppError('forbidden', "Only a program manager can change the program's reporting rules.");
}

function parseRow(row: VersionRow): ProgramRulesVersion {
  let json: unknown;
  try {
    json = JSON.parse(row.document);
  } catch {
    throw new AppError('integrity', `Program rules version ${row.version} in the vault is not readable JSON.`);
  }
  const doc = programRulesDocumentSchema.safeParse(json);
  if (!doc.success) throw new AppError('integrity', `Program rules version ${row.version} in the vault is not a valid program rules document (${describeZodError(doc.error)}).`);
  return { version: row.version, savedBy: row.saved_by, savedAt: row.saved_at, reason: row.reason, document: doc.data };
}

/** The version in force (the newest), or null when the program has none. */
export function currentProgramRules(db: Db): ProgramRulesVersion | null {
  const row = db.prepare('SELECT version, document, saved_by, saved_at, reason FROM program_rules_versions ORDER BY version DESC LIMIT 1').get() as VersionRow | undefined;
  return row === undefined ? null : parseRow(row);
}

/** How an obligation from a program rule names its source on the case screens. */
export function programRuleSource(version: Pick<ProgramRulesVersion, 'version' | 'savedBy'>): string {
  return `Program rule, version ${version.version}, by ${version.savedBy}`;
}

/**
 * The program rules in force as extra rules for the engine, each citation
 * carrying its source ("Program rule, version N, by X"), so an obligation they
 * add or hasten says where it came from.
 */
export function programRulesForEvaluation(db: Db): readonly ReportingRule[] {
  const current = currentProgramRules(db);
  if (current === null) return [];
  const source = programRuleSource(current);
  return current.document.rules.map((rule) => ({ ...rule, citation: `${rule.citation} (${source})` }));
}

export function getProgramRules(session: VaultSession): MethodOutput<'programRules.get'> {
  const rows = session.db.prepare('SELECT version, document, saved_by, saved_at, reason FROM program_rules_versions ORDER BY version DESC').all() as VersionRow[];
  const versions = rows.map(parseRow);
  return {
    current: versions[0] ?? null,
    history: versions.map((v) => ({ version: v.version, savedBy: v.savedBy, savedAt: v.savedAt, reason: v.reason, ruleCount: v.document.rules.length })),
    shipped: reportingRules.map((r) => ({ id: r.id, programs: [...r.programs], recipient: r.recipient, basis: r.basis, citation: r.citation, timing: r.timing })),
    canEdit: session.user.role === 'program_manager',
  };
}

/**
 * Saves the rules as the next version. The whole document is validated with the
 * shared schema first; a refused or invalid save changes nothing but the audit
 * log's record of a refusal.
 */
export function saveProgramRules(session: VaultSession, input: { rules: unknown[]; reason: string }, now: Date): { version: number } {
  authorizeProgramRulesEdit(session, now);
  const reason = input.reason.trim();
  if (reason.length === 0) throw new AppError('invalid_input', 'Reason: say why the rules change.');
  const db = session.db;
  return db.transaction(() => {
    const last = db.prepare('SELECT max(version) AS v FROM program_rules_versions').get() as { v: number | null };
    const version = (last.v ?? 0) + 1;
    const savedAt = now.toISOString();
    const parsed = programRulesDocumentSchema.safeParse({ format: PROGRAM_RULES_FORMAT, revision: version, savedAt, savedBy: session.user.name, rules: input.rules });
    if (!parsed.success) throw new AppError('invalid_input', `The program rules were not saved: ${describeZodError(parsed.error)}.`);
    db.prepare('INSERT INTO program_rules_versions (version, document, saved_by, saved_at, reason) VALUES (?, ?, ?, ?, ?)').run(version, JSON.stringify(parsed.data), session.user.name, savedAt, reason);
    appendAudit(db, { actor: session.user.name, action: 'programRules.save', detail: { version, reason, rules: parsed.data.rules.map((r) => r.id) } }, now);
    return { version };
  })();
}

/** The exported file: exactly the document `offramp evaluate --rules` reads. */
export function programRulesFileText(doc: ProgramRulesDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Writes the rules in force to a file the user chooses in the save dialog:
 * through a synced temporary file renamed into place in the same transaction as
 * the audit event, so there is never a file without its record or the reverse.
 */
export async function exportProgramRules(session: VaultSession, host: HostServices | undefined, now: () => Date): Promise<MethodOutput<'programRules.export'>> {
  if (host === undefined) throw new AppError('io', 'Exporting needs the Offramp window; this backend has none.');
  const current = currentProgramRules(session.db);
  if (current === null) throw new AppError('conflict', 'There are no program rules to export yet. Add a rule and save it first.');
  const path = await host.chooseSavePath({ title: 'Export program rules', defaultName: `program-rules-v${current.version}.json`, extension: 'json' });
  if (path === null) return { done: false, path: null, version: null };
  const bytes = Buffer.from(programRulesFileText(current.document), 'utf8');
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    session.db.transaction(() => {
      appendAudit(session.db, { actor: session.user.name, action: 'programRules.export', detail: { version: current.version, bytes: bytes.byteLength } }, now());
      renameSync(temp, path);
    })();
  } catch (error) {
    rmSync(temp, { force: true });
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError('io', `The program rules could not be written there (${code}). Nothing was saved.`);
  }
  return { done: true, path, version: current.version };
}
