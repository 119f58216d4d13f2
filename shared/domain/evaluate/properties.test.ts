import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allOptionIds, factIds, indicatorStages, obligationTimings, priCategories, programTypes, type FactId } from '../ids';
import { section811RuleIds } from '../reporting/rules';
import { evaluate } from './evaluate';
import { evaluateOutputSchema, type EvaluateInput } from './schema';
import { checkEvaluateInput } from './validate';

const factsArb = fc.record(Object.fromEntries(factIds.map((f) => [f, fc.boolean()])) as Record<FactId, fc.Arbitrary<boolean>>, {
  requiredKeys: [],
});
const indicatorArb = fc.record({
  category: fc.constantFrom(...priCategories),
  stage: fc.constantFrom(...indicatorStages),
  summary: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
});
const inputArb: fc.Arbitrary<EvaluateInput> = fc.record({
  program: fc.constantFrom(...programTypes),
  facts: factsArb,
  indicators: fc.array(indicatorArb, { maxLength: 6 }).map((list) =>
    list.map(({ summary, ...rest }) => (summary === undefined ? rest : { ...rest, summary })),
  ),
  plan: fc.array(fc.constantFrom(...allOptionIds), { maxLength: 8 }),
});

const runs = { numRuns: 400 };
const urgency = (t: (typeof obligationTimings)[number]): number => obligationTimings.indexOf(t);

describe('evaluate: properties', () => {
  it('the output always validates against the output schema', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        evaluateOutputSchema.parse(evaluate(input));
      }),
      runs,
    );
  });

  it('any generated input passes the raw-input check unchanged', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const checked = checkEvaluateInput(JSON.parse(JSON.stringify(input)));
        expect(checked).toEqual({ ok: true, value: input });
      }),
      { numRuns: 200 },
    );
  });

  // Lesson 5: every program "must comply with any other internal reporting procedures".
  it('`internal` is always an obligation', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(evaluate(input).obligations.map((o) => o.recipient)).toContain('internal');
      }),
      runs,
    );
  });

  // Lesson 5 > Industry Requirements; answer key Lesson 5 Review Activity 1.
  it('DITMAC and Section 811 never appear for industry', () => {
    fc.assert(
      fc.property(inputArb, (raw) => {
        const out = evaluate({ ...raw, program: 'industry' });
        for (const o of out.obligations) {
          expect(o.recipient).not.toBe('ditmac');
          expect(`${o.basis} ${o.citation}`).not.toMatch(/Section 811|DITMAC/);
          for (const rule of o.rules) expect(section811RuleIds as readonly string[]).not.toContain(rule);
        }
        expect(out.warnings.map((w) => w.code)).not.toContain('fbi_coordination_hold');
      }),
      runs,
    );
  });

  // The one exception: a protected disclosure is not an unauthorized one (50 U.S.C. 3234;
  // PPD-19), so marking it removes the disclosure's obligations (shown in evaluate.test.ts).
  it('adding a true fact (other than protected_disclosure) never removes an obligation, a basis, or urgency', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...factIds.filter((f) => f !== 'protected_disclosure')), (input, fact) => {
        const before = evaluate(input).obligations;
        const after = evaluate({ ...input, facts: { ...input.facts, [fact]: true } }).obligations;
        for (const old of before) {
          const now = after.find((o) => o.recipient === old.recipient);
          expect(now, `${old.recipient} disappeared after ${fact}`).toBeDefined();
          if (now === undefined) continue;
          expect(now.rules).toEqual(expect.arrayContaining(old.rules));
          expect(urgency(now.timing)).toBeLessThanOrEqual(urgency(old.timing));
        }
      }),
      runs,
    );
  });

  it('the plan never changes obligations or the law enforcement criteria', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const withPlan = evaluate(input);
        const without = evaluate({ ...input, plan: [] });
        expect(withPlan.obligations).toEqual(without.obligations);
        expect(withPlan.lawEnforcementAssistance).toEqual(without.lawEnforcementAssistance);
      }),
      { numRuns: 200 },
    );
  });
});
