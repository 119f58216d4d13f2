import { describe, expect, it } from 'vitest';
import { allFacts, always, anyFact, conditionSchema, either, holds, indicator, type Situation } from './condition';

const situation = (facts: Situation['facts'], indicators: Situation['indicators'] = []): Situation => ({ facts, indicators });

describe('conditions', () => {
  it('a fact counts only when true: false and unknown do not', () => {
    expect(holds(anyFact('espionage'), situation({ espionage: true }))).toBe(true);
    expect(holds(anyFact('espionage'), situation({ espionage: false }))).toBe(false);
    expect(holds(anyFact('espionage'), situation({}))).toBe(false);
  });

  it('allFacts needs every fact, anyFact one, either any condition', () => {
    const both = allFacts('classified_disclosure', 'foreign_recipient');
    expect(holds(both, situation({ classified_disclosure: true }))).toBe(false);
    expect(holds(both, situation({ classified_disclosure: true, foreign_recipient: true }))).toBe(true);
    expect(holds(either(both, anyFact('espionage')), situation({ espionage: true }))).toBe(true);
  });

  it('indicator terms match category and, when given, stage', () => {
    const s = situation({}, [{ category: 'financial', stage: 'stressor' }]);
    expect(holds(indicator('financial'), s)).toBe(true);
    expect(holds(indicator('financial', 'stressor'), s)).toBe(true);
    expect(holds(indicator('financial', 'concerning_behavior'), s)).toBe(false);
    expect(holds(indicator('foreign'), s)).toBe(false);
  });

  it('always holds, even for an empty case', () => {
    expect(holds(always, situation({}))).toBe(true);
  });

  it('is plain data a program can write in JSON', () => {
    const parsed = conditionSchema.parse(JSON.parse('{"anyOf":[[{"fact":"espionage"},{"category":"foreign","stage":"concerning_behavior"}]]}'));
    expect(holds(parsed, situation({ espionage: true }, [{ category: 'foreign', stage: 'concerning_behavior' }]))).toBe(true);
    expect(conditionSchema.safeParse({ anyOf: [[{}]] }).success).toBe(false);
    expect(conditionSchema.safeParse({ anyOf: [[{ fact: 'not_a_fact' }]] }).success).toBe(false);
  });
});
