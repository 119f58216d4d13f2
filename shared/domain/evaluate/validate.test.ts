import { describe, expect, it } from 'vitest';
import { checkEvaluateInput, type InputCheck } from './validate';

const problems = (raw: unknown): string[] => {
  const result: InputCheck = checkEvaluateInput(raw);
  if (result.ok) throw new Error('expected the input to be rejected');
  return result.problems;
};
const text = (raw: unknown): string => problems(raw).join(' ');

describe('checkEvaluateInput', () => {
  it('accepts the example of the contract and fills defaults', () => {
    const result = checkEvaluateInput({
      program: 'dod',
      facts: { classified_disclosure: true, foreign_recipient: true },
      indicators: [{ category: 'financial', stage: 'stressor', summary: 'large gambling debt' }],
      plan: ['refer_law_enforcement'],
    });
    expect(result.ok).toBe(true);
    expect(checkEvaluateInput({ program: 'industry' })).toEqual({ ok: true, value: { program: 'industry', facts: {}, indicators: [], plan: [] } });
  });

  it('names an unknown program and the allowed ones', () => {
    expect(text({ program: 'army' })).toBe('Unknown program "army" in "program". Allowed programs: dod, federal, industry.');
    expect(text({})).toContain('Missing "program". Allowed programs: dod, federal, industry.');
    expect(text({ program: 3 })).toContain('Unknown program number 3');
  });

  it('names an unknown fact id, suggests the near miss, and lists the allowed ids', () => {
    const message = text({ program: 'dod', facts: { espionnage: true } });
    expect(message).toContain('Unknown fact id "espionnage" in "facts". Did you mean "espionage"?');
    expect(message).toContain('Allowed fact ids: classified_disclosure, foreign_recipient,');
  });

  it('requires facts to be true or false; unknown means leaving the fact out', () => {
    expect(text({ program: 'dod', facts: { espionage: 'yes' } })).toBe('Fact "espionage" must be true or false (leave it out when unknown); got "yes".');
    expect(text({ program: 'dod', facts: { espionage: null } })).toContain('got null');
    expect(text({ program: 'dod', facts: [] })).toContain('"facts" must be an object');
  });

  it('names an unknown category or stage with its position and the allowed values', () => {
    const message = text({ program: 'dod', indicators: [{ category: 'financial', stage: 'stressor' }, { category: 'money', stage: 'attack' }] });
    expect(message).toContain('Unknown category "money" in indicators[1].category.');
    expect(message).toContain('Allowed categories: access, professional, foreign, security_compliance, technical, criminal_violent, financial, substance, judgment_psychological.');
    expect(message).toContain('Unknown stage "attack" in indicators[1].stage.');
    expect(message).toContain('Allowed stages: predisposition, stressor, concerning_behavior.');
  });

  it('reports missing, mistyped and unknown indicator fields', () => {
    expect(text({ program: 'dod', indicators: [{ stage: 'stressor' }] })).toContain('Missing "category" in indicators[0]');
    expect(text({ program: 'dod', indicators: [{ category: 'financial' }] })).toContain('Missing "stage" in indicators[0]');
    expect(text({ program: 'dod', indicators: [{ category: 'financial', stage: 'stressor', summary: 4 }] })).toContain('indicators[0].summary must be text');
    expect(text({ program: 'dod', indicators: [{ category: 'financial', stage: 'stressor', note: 'x' }] })).toContain('Unknown field "note" in indicators[0]');
    expect(text({ program: 'dod', indicators: ['financial'] })).toContain('indicators[0] must be an object');
    expect(text({ program: 'dod', indicators: {} })).toContain('"indicators" must be an array');
  });

  it('names an unknown option id with its position and suggests the near miss', () => {
    const message = text({ program: 'dod', plan: ['legal_review', 'terminate_employmnet'] });
    expect(message).toContain('Unknown option id "terminate_employmnet" in plan[1]. Did you mean "terminate_employment"?');
    expect(message).toContain('Allowed option ids: no_action, watch_and_wait,');
    expect(text({ program: 'dod', plan: 'legal_review' })).toContain('"plan" must be an array');
  });

  it('rejects unknown top-level fields and non-object input', () => {
    expect(text({ program: 'dod', riskLevel: 'high' })).toBe('Unknown field "riskLevel". Allowed fields: program, facts, indicators, plan.');
    expect(text([])).toContain('got an array');
    expect(text(null)).toContain('got null');
    expect(text('dod')).toContain('got "dod"');
  });

  it('reports every problem at once, up to a limit', () => {
    expect(problems({ program: 'x', facts: { a: true, b: true } })).toHaveLength(3);
    const many = problems({ program: 'dod', plan: Array.from({ length: 30 }, (_, i) => `bad_${i}`) });
    expect(many).toHaveLength(11);
    expect(many[10]).toBe('…and 20 more problems.');
  });

  it('falls back to the schema for limits such as the summary length', () => {
    expect(text({ program: 'dod', indicators: [{ category: 'financial', stage: 'stressor', summary: 'x'.repeat(5000) }] })).toMatch(/^indicators\.0\.summary: /);
  });
});
