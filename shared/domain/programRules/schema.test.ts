import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/evaluate';
import { programReportingRules, programRulesDocumentSchema } from './schema';

/** A newer DITMAC threshold the hub adopted, and an internal recipient with its own timing. */
const hubRules = {
  format: 'offramp-program-rules',
  revision: 3,
  savedAt: '2026-11-30T10:00:00.000Z',
  savedBy: 'Dana Whitfield',
  rules: [
    {
      id: 'program_ditmac_self_harm',
      programs: ['dod'],
      recipient: 'ditmac',
      when: { anyOf: [[{ fact: 'self_harm_risk' }]] },
      basis: 'DITMAC threshold update 2026-2: a risk of self-harm is reported to the DITMAC within one day.',
      citation: 'DITMAC threshold update 2026-2',
      timing: 'immediately',
      sources: [],
    },
    {
      id: 'program_fso_foreign_travel',
      programs: ['industry'],
      recipient: 'internal',
      when: { anyOf: [[{ category: 'foreign', stage: 'concerning_behavior' }]] },
      basis: 'Hub SOP 4.2: report unreported foreign contacts to the facility security officer within one day.',
      citation: 'Hub SOP 4.2',
      timing: 'promptly',
      sources: [],
    },
  ],
};

describe('program rules documents', () => {
  it('validate, and add to the shipped rules in evaluation with their source', () => {
    const doc = programRulesDocumentSchema.parse(hubRules);
    const out = evaluate({ program: 'dod', facts: { self_harm_risk: true }, indicators: [], plan: [] }, { extraRules: programReportingRules(doc) });
    const ditmac = out.obligations.find((o) => o.recipient === 'ditmac');
    expect(ditmac?.timing).toBe('immediately');
    expect(ditmac?.citation).toContain('DITMAC threshold update 2026-2');
    expect(ditmac?.rules).toEqual(['dod_ditmac_serious_threat', 'program_ditmac_self_harm']);
  });

  it('cannot replace a shipped rule, which stays read-only', () => {
    const shipped = { ...hubRules, rules: [{ ...hubRules.rules[0], id: 'dod_internal_procedures' }] };
    const result = programRulesDocumentSchema.safeParse(shipped);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('starts with \\"program_\\"');
    const reused = { ...hubRules, rules: [hubRules.rules[0], hubRules.rules[0]] };
    expect(JSON.stringify(programRulesDocumentSchema.safeParse(reused).error?.issues)).toContain('used twice');
  });

  it('rejects unknown facts, recipients, timings and fields, naming them', () => {
    const bad = (patch: Record<string, unknown>) => programRulesDocumentSchema.safeParse({ ...hubRules, rules: [{ ...hubRules.rules[0], ...patch }] });
    expect(bad({ when: { anyOf: [[{ fact: 'nonsense' }]] } }).success).toBe(false);
    expect(bad({ recipient: 'cia' }).success).toBe(false);
    expect(bad({ timing: 'someday' }).success).toBe(false);
    expect(bad({ extra: 1 }).success).toBe(false);
    expect(bad({ citation: '' }).success).toBe(false);
    expect(programRulesDocumentSchema.safeParse({ ...hubRules, format: 'other' }).success).toBe(false);
  });
});
