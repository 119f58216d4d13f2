import type { ReportingRule } from '../../../shared/domain/reporting/rule';
import type { Queries } from '../data';
import { currentProgramRulesVersion, type ProgramRulesVersion } from '../data/programRules';

export type { ProgramRulesVersion } from '../data/programRules';

/**
 * The program rules in force, for the rules engine: read through the data layer
 * (data/programRules.ts, whose mapper checks each stored document), inside a
 * casework transaction or outside one.
 */

/** The version in force (the newest), or null when the program has none. */
export async function currentProgramRules(q: Queries): Promise<ProgramRulesVersion | null> {
  return currentProgramRulesVersion(q);
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
export async function programRulesForEvaluation(q: Queries): Promise<readonly ReportingRule[]> {
  const current = await currentProgramRules(q);
  if (current === null) return [];
  const source = programRuleSource(current);
  return current.document.rules.map((rule) => ({ ...rule, citation: `${rule.citation} (${source})` }));
}
