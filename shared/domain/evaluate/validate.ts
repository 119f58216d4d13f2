import { allOptionIds, factIds, indicatorStages, priCategories, programTypes } from '../ids';
import { evaluateInputSchema, type EvaluateInput } from './schema';

/**
 * Checks raw JSON against the evaluate input and says exactly what is wrong: the
 * field, the bad value, and the allowed values. The zod schema stays the final
 * word; this exists because a person fixing a file by hand needs more than
 * "invalid enum value".
 */

export type InputCheck = { ok: true; value: EvaluateInput } | { ok: false; problems: string[] };

const topFields = ['program', 'facts', 'indicators', 'plan'] as const;
const indicatorFields = ['category', 'stage', 'summary'] as const;
const maxProblems = 10;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short rendering of a bad value for a message. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** "Did you mean …?" for a near miss, so a typo costs one look, not a search. */
function suggestion(value: string, allowed: readonly string[]): string {
  const lower = value.toLowerCase();
  let best: { id: string; d: number } | null = null;
  for (const id of allowed) {
    const d = editDistance(lower, id);
    if (best === null || d < best.d) best = { id, d };
  }
  return best !== null && best.d <= Math.max(2, Math.floor(value.length / 4)) ? ` Did you mean "${best.id}"?` : '';
}

function unknownValue(what: string, where: string, value: unknown, allowed: readonly string[], plural = `${what}s`): string {
  const hint = typeof value === 'string' ? suggestion(value, allowed) : '';
  return `Unknown ${what} ${showValue(value)} in ${where}.${hint} Allowed ${plural}: ${allowed.join(', ')}.`;
}

function checkProgram(raw: Record<string, unknown>, problems: string[]): void {
  if (!('program' in raw)) {
    problems.push(`Missing "program". Allowed programs: ${programTypes.join(', ')}.`);
  } else if (!(programTypes as readonly unknown[]).includes(raw['program'])) {
    problems.push(unknownValue('program', '"program"', raw['program'], programTypes));
  }
}

function checkFacts(raw: Record<string, unknown>, problems: string[]): void {
  if (!('facts' in raw)) return;
  const facts = raw['facts'];
  if (!isObject(facts)) {
    problems.push(`"facts" must be an object mapping fact ids to true or false; got ${showValue(facts)}.`);
    return;
  }
  for (const [id, value] of Object.entries(facts)) {
    if (!(factIds as readonly string[]).includes(id)) {
      problems.push(unknownValue('fact id', '"facts"', id, factIds));
    } else if (typeof value !== 'boolean') {
      problems.push(`Fact "${id}" must be true or false (leave it out when unknown); got ${showValue(value)}.`);
    }
  }
}

function checkIndicator(item: unknown, i: number, problems: string[]): void {
  const where = `indicators[${i}]`;
  if (!isObject(item)) {
    problems.push(`${where} must be an object with "category" and "stage"; got ${showValue(item)}.`);
    return;
  }
  for (const key of Object.keys(item)) {
    if (!(indicatorFields as readonly string[]).includes(key)) {
      problems.push(`Unknown field "${key}" in ${where}. Allowed fields: ${indicatorFields.join(', ')}.`);
    }
  }
  if (!('category' in item)) problems.push(`Missing "category" in ${where}. Allowed categories: ${priCategories.join(', ')}.`);
  else if (!(priCategories as readonly unknown[]).includes(item['category'])) {
    problems.push(unknownValue('category', `${where}.category`, item['category'], priCategories, 'categories'));
  }
  if (!('stage' in item)) problems.push(`Missing "stage" in ${where}. Allowed stages: ${indicatorStages.join(', ')}.`);
  else if (!(indicatorStages as readonly unknown[]).includes(item['stage'])) {
    problems.push(unknownValue('stage', `${where}.stage`, item['stage'], indicatorStages));
  }
  if ('summary' in item && typeof item['summary'] !== 'string') {
    problems.push(`${where}.summary must be text; got ${showValue(item['summary'])}.`);
  }
}

function checkIndicators(raw: Record<string, unknown>, problems: string[]): void {
  if (!('indicators' in raw)) return;
  const indicators = raw['indicators'];
  if (!Array.isArray(indicators)) {
    problems.push(`"indicators" must be an array of { "category", "stage", "summary" } objects; got ${showValue(indicators)}.`);
    return;
  }
  indicators.forEach((item, i) => checkIndicator(item, i, problems));
}

function checkPlan(raw: Record<string, unknown>, problems: string[]): void {
  if (!('plan' in raw)) return;
  const plan = raw['plan'];
  if (!Array.isArray(plan)) {
    problems.push(`"plan" must be an array of response option ids; got ${showValue(plan)}.`);
    return;
  }
  plan.forEach((id, i) => {
    if (!(allOptionIds as readonly unknown[]).includes(id)) {
      problems.push(unknownValue('option id', `plan[${i}]`, id, allOptionIds));
    }
  });
}

/** Validates a parsed JSON value as evaluate input. */
export function checkEvaluateInput(raw: unknown): InputCheck {
  if (!isObject(raw)) {
    return {
      ok: false,
      problems: [`The input must be a JSON object with "program" and optionally "facts", "indicators" and "plan"; got ${showValue(raw)}.`],
    };
  }
  const problems: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!(topFields as readonly string[]).includes(key)) {
      problems.push(`Unknown field "${key}". Allowed fields: ${topFields.join(', ')}.`);
    }
  }
  checkProgram(raw, problems);
  checkFacts(raw, problems);
  checkIndicators(raw, problems);
  checkPlan(raw, problems);
  if (problems.length > 0) {
    const shown = problems.slice(0, maxProblems);
    if (problems.length > maxProblems) shown.push(`…and ${problems.length - maxProblems} more problems.`);
    return { ok: false, problems: shown };
  }
  const parsed = evaluateInputSchema.safeParse(raw);
  if (!parsed.success) {
    // Limits the checks above do not repeat (list lengths, summary length).
    return {
      ok: false,
      problems: parsed.error.issues.slice(0, maxProblems).map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}.`),
    };
  }
  return { ok: true, value: parsed.data };
}
