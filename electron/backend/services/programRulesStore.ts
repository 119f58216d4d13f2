import type { ReportingRule } from '../../../shared/domain/reporting/rule';
import { rowToProgramRulesVersion, type ProgramRulesRow, type ProgramRulesVersion } from '../data/programRules';
import type { Db } from '../vault/database';

export type { ProgramRulesVersion } from '../data/programRules';

/**
 * The program rules in force, read synchronously for the rules engine inside
 * casework's transactions (which are not on the data layer yet); each stored
 * document is checked by data/programRules.ts's mapper.
 */

/** The version in force (the newest), or null when the program has none. */
export function currentProgramRules(db: Db): ProgramRulesVersion | null {
  const row = db.prepare('SELECT version, document, saved_by, saved_at, reason FROM program_rules_versions ORDER BY version DESC LIMIT 1').get() as ProgramRulesRow | undefined;
  return row === undefined ? null : rowToProgramRulesVersion(row);
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
