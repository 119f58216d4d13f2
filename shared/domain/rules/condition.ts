import { z } from 'zod';
import { factIdSchema, indicatorStageSchema, priCategorySchema, type FactId, type IndicatorStage, type PriCategory } from '../ids';

/** Case facts: true, false, or absent (unknown). */
export type Facts = Partial<Record<FactId, boolean>>;

/** An observed indicator as the rules see it (the summary is for people, not rules). */
export interface ObservedIndicator {
  readonly category: PriCategory;
  readonly stage: IndicatorStage;
}

/** What a rule looks at: the facts and the observed indicators of one case. */
export interface Situation {
  readonly facts: Facts;
  readonly indicators: readonly ObservedIndicator[];
}

/**
 * One term of a condition: a fact that is true, or an observed indicator of a
 * category and/or stage.
 */
export const conditionTermSchema = z.union([
  z.object({ fact: factIdSchema }).strict(),
  z
    .object({ category: priCategorySchema.optional(), stage: indicatorStageSchema.optional() })
    .strict()
    .refine((t) => t.category !== undefined || t.stage !== undefined, 'an indicator term names a category, a stage, or both'),
]);
export type ConditionTerm = z.infer<typeof conditionTermSchema>;

/**
 * A condition in disjunctive normal form: it holds when every term of some clause
 * holds. There is no negation and a fact counts only when it is true, so a
 * condition is monotone: a newly true fact or a new indicator can make it hold,
 * never stop it holding. Conditions are plain data, so a program can write its own
 * rules in JSON next to the built-in ones.
 */
export const conditionSchema = z.object({ anyOf: z.array(z.array(conditionTermSchema)).min(1) }).strict();
export type Condition = z.infer<typeof conditionSchema>;

/** Holds in every case. */
export const always: Condition = { anyOf: [[]] };

/** Holds when any of the facts is true. */
export function anyFact(...facts: readonly FactId[]): Condition {
  return { anyOf: facts.map((fact) => [{ fact }]) };
}

/** Holds when all of the facts are true. */
export function allFacts(...facts: readonly FactId[]): Condition {
  return { anyOf: [facts.map((fact) => ({ fact }))] };
}

/** Holds when an indicator of the category (and stage, if given) was observed. */
export function indicator(category: PriCategory, stage?: IndicatorStage): Condition {
  return { anyOf: [[stage === undefined ? { category } : { category, stage }]] };
}

/** Holds when any of the given conditions holds. */
export function either(...conditions: readonly Condition[]): Condition {
  return { anyOf: conditions.flatMap((c) => c.anyOf) };
}

function termHolds(term: ConditionTerm, situation: Situation): boolean {
  if ('fact' in term) return situation.facts[term.fact] === true;
  return situation.indicators.some(
    (i) => (term.category === undefined || i.category === term.category) && (term.stage === undefined || i.stage === term.stage),
  );
}

export function holds(condition: Condition, situation: Situation): boolean {
  return condition.anyOf.some((clause) => clause.every((term) => termHolds(term, situation)));
}

/** A fact is true (not merely present). */
export function isTrue(facts: Facts, fact: FactId): boolean {
  return facts[fact] === true;
}

/**
 * The smallest case in which a clause holds: its facts true, its indicators
 * observed. Tests use it to show that every rule can fire.
 */
export function witness(clause: readonly ConditionTerm[]): Situation {
  const facts: Facts = {};
  const indicators: ObservedIndicator[] = [];
  for (const term of clause) {
    if ('fact' in term) facts[term.fact] = true;
    else indicators.push({ category: term.category ?? 'access', stage: term.stage ?? 'predisposition' });
  }
  return { facts, indicators };
}
