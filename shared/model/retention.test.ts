import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addYears, retentionDue, retentionRulesSchema, ruleFor, type RetentionRule } from './retention';

const rule = (over: Partial<RetentionRule>): RetentionRule => ({ status: 'closed', program: 'any', years: 5, measuredFrom: 'closure', authority: 'schedule', ...over });

describe('retention rules', () => {
  it('adds calendar years, moving 29 February to 28 February in a common year', () => {
    expect(addYears('2019-03-01', 5)).toBe('2024-03-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2020-12-31', 10)).toBe('2030-12-31');
  });

  it('never ends a period before its full years have passed', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 100 }), (date, years) => {
        const start = date.toISOString().slice(0, 10);
        const due = addYears(start, years);
        expect(Number(due.slice(0, 4)) - Number(start.slice(0, 4))).toBe(years);
        expect(due.slice(5) <= start.slice(5)).toBe(true);
        expect(Number.isNaN(Date.parse(`${due}T00:00:00Z`))).toBe(false);
      }),
    );
  });

  it("prefers a program's own rule over the rule for any program", () => {
    const rules = [rule({ years: 5 }), rule({ program: 'industry', years: 3 })];
    expect(ruleFor(rules, 'closed', 'industry')?.years).toBe(3);
    expect(ruleFor(rules, 'closed', 'dod')?.years).toBe(5);
    expect(ruleFor(rules, 'open', 'dod')).toBeUndefined();
  });

  it('measures from closure or last activity, and has no date without a closure', () => {
    const facts = { status: 'closed' as const, program: 'dod', closedAt: '2020-06-30T23:59:00Z', lastActivityAt: '2021-01-02T00:00:00Z' };
    expect(retentionDue(facts, rule({}))).toEqual({ startedOn: '2020-06-30', dueOn: '2025-06-30' });
    expect(retentionDue(facts, rule({ measuredFrom: 'last_activity' }))).toEqual({ startedOn: '2021-01-02', dueOn: '2026-01-02' });
    expect(retentionDue({ ...facts, closedAt: null }, rule({}))).toBeNull();
  });

  it('validates a rule set: one rule per status and program, closure only for closed cases, sane years', () => {
    expect(retentionRulesSchema.safeParse([rule({}), rule({ program: 'dod' })]).success).toBe(true);
    expect(retentionRulesSchema.safeParse([rule({}), rule({ years: 9 })]).success).toBe(false);
    expect(retentionRulesSchema.safeParse([rule({ status: 'monitoring' })]).success).toBe(false);
    expect(retentionRulesSchema.safeParse([rule({ status: 'monitoring', measuredFrom: 'last_activity' })]).success).toBe(true);
    expect(retentionRulesSchema.safeParse([rule({ years: 0 })]).success).toBe(false);
    expect(retentionRulesSchema.safeParse([rule({ authority: '  ' })]).success).toBe(false);
    expect(retentionRulesSchema.safeParse([{ ...rule({}), extra: 1 }]).success).toBe(false);
  });
});
