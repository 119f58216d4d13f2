import { AppError } from '../../../shared/contract';
import type { ReportingRule } from '../../../shared/domain/reporting/rule';
import { programRulesDocumentSchema, type ProgramRulesDocument } from '../../../shared/domain/programRules/schema';
import { describeZodError } from '../zodMessages';
import type { Db } from '../vault/database';

/**
 * Reading the program's reporting rules from the vault (table
 * program_rules_versions, migration 0007). A stored document is checked against
 * the shared schema on every read: one that fails is an integrity error, never
 * silently ignored.
 */

export interface ProgramRulesVersion {
  version: number;
  savedBy: string;
  savedAt: string;
  reason: string;
  document: ProgramRulesDocument;
}

export interface ProgramRulesRow {
  version: number;
  document: string;
  saved_by: string;
  saved_at: string;
  reason: string;
}

export function parseProgramRulesRow(row: ProgramRulesRow): ProgramRulesVersion {
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
  const row = db.prepare('SELECT version, document, saved_by, saved_at, reason FROM program_rules_versions ORDER BY version DESC LIMIT 1').get() as ProgramRulesRow | undefined;
  return row === undefined ? null : parseProgramRulesRow(row);
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
