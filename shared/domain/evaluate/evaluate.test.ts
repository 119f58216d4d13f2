import { describe, expect, it } from 'vitest';
import { loadEvaluateFixture } from '../../../test/helpers/fixtures';
import type { ProgramType, Recipient } from '../ids';
import { evaluate } from './evaluate';
import { evaluateOutputSchema, type EvaluateInput, type EvaluateOutput } from './schema';

const run = (input: EvaluateInput): EvaluateOutput => evaluateOutputSchema.parse(evaluate(input));
const recipients = (out: EvaluateOutput): Recipient[] => out.obligations.map((o) => o.recipient);
const options = (out: EvaluateOutput) => out.recommendations.map((r) => r.option);
const warnings = (out: EvaluateOutput) => out.warnings.map((w) => w.code);
const as = (program: ProgramType, input: EvaluateInput): EvaluateInput => ({ ...input, program });

describe('evaluate: the contract example', () => {
  it('evaluates the example input of evaluate.md', () => {
    const out = run({
      program: 'dod',
      facts: { classified_disclosure: true, foreign_recipient: true },
      indicators: [{ category: 'financial', stage: 'stressor', summary: 'large gambling debt' }],
      plan: ['refer_law_enforcement'],
    });
    expect(out.obligations[0]).toMatchObject({ recipient: 'fbi', timing: 'immediately' });
    expect(out.pathway.stages).toEqual(['stressor']);
    expect(warnings(out)).toEqual(['reporting_due', 'no_criminal_nexus', 'legal_review_missing']);
  });

  it('treats a repeated plan option once', () => {
    const out = run({ program: 'dod', facts: {}, indicators: [], plan: ['notify_subject', 'notify_subject'] });
    expect(out.warnings.find((w) => w.code === 'avoid_alerting')?.options).toEqual(['notify_subject']);
  });
});

// Lesson 2 Review Activities 1 and 2 (Ted): the gambling addiction, the debt, the borrowing.
describe('case study: the gambling employee (gambling-debt.json)', () => {
  const ted = loadEvaluateFixture('gambling-debt.json');

  it.each(['dod', 'federal', 'industry'] as const)('for %s: only internal reporting, all three pathway stages, support not punishment', (program) => {
    const out = run(as(program, ted));
    expect(recipients(out)).toEqual(['internal']);
    expect(out.lawEnforcementAssistance).toEqual({ recommended: false, criteria: [] });
    expect(out.pathway.stages).toEqual(['predisposition', 'stressor', 'concerning_behavior']);
    expect(options(out)).toEqual(expect.arrayContaining(['employee_assistance_program', 'financial_counseling_referral', 'treatment_recommendations']));
    expect(options(out)).not.toContain('refer_law_enforcement');
    expect(options(out)).not.toContain('terminate_employment');
    expect(out.warnings).toEqual([]);
  });

  it('warns when the plan turns to law enforcement or termination instead', () => {
    const out = run({ ...ted, plan: ['refer_law_enforcement', 'terminate_employment', 'legal_review'] });
    expect(warnings(out)).toEqual(['dismissal_not_a_strategy', 'no_criminal_nexus']);
  });
});

// Lesson 1 > Case Study and Lesson 4 > Case Study (Domingo): the responses the guide lists, reported early.
describe('case study: the Domingo plot (domingo.json)', () => {
  const domingo = loadEvaluateFixture('domingo.json');

  // Domestic terrorism goes to law enforcement; a MILDEP CI office takes international terrorism only.
  it('for DOD: DITMAC and law enforcement reports, but no Section 811 referral and no MILDEP CI report for domestic terrorism', () => {
    const out = run(domingo);
    expect(recipients(out)).toEqual(['ditmac', 'law_enforcement', 'internal']);
    expect(out.obligations.find((o) => o.recipient === 'law_enforcement')?.rules).toContain('dod_law_enforcement_terrorism');
    const ditmac = out.obligations.find((o) => o.recipient === 'ditmac');
    expect(ditmac?.basis).toContain('Allegiance to the United States');
    expect(ditmac?.basis).toContain('Serious threat');
    expect(ditmac?.basis).toContain('Criminal conduct and affiliation');
    expect(out.lawEnforcementAssistance).toEqual({ recommended: true, criteria: ['criminal_conduct'] });
  });

  it('for Federal: internal procedures only; for industry: FBI and DCSA for possible terrorism', () => {
    expect(recipients(run(as('federal', domingo)))).toEqual(['internal']);
    const industry = run(as('industry', domingo));
    expect(recipients(industry)).toEqual(['fbi', 'dcsa', 'internal']);
    expect(industry.obligations[0]?.citation).toBe('32 CFR 117.8(b)');
  });

  it("recommends the guide's multidisciplinary mix and protection of potential victims", () => {
    const out = run(domingo);
    expect(options(out)).toEqual(
      expect.arrayContaining([
        'mental_health_counseling_referral',
        'user_activity_monitoring',
        'random_bag_checks',
        'refer_law_enforcement',
        'refer_counterintelligence',
        'personal_safety_planning',
        'identity_entry_verification',
      ]),
    );
    const disciplines = new Set(out.recommendations.map((r) => r.discipline));
    for (const d of ['behavioral_science', 'cybersecurity', 'security', 'law_enforcement', 'counterintelligence', 'hr', 'legal'] as const) expect(disciplines).toContain(d);
  });

  // Lesson 4 > Case Study: "His separation did not diminish the risk of him posing a violent threat to others."
  it('warns that terminating him is not a strategy, that the agencies need coordination, and that victims are not covered', () => {
    expect(warnings(run(domingo))).toEqual(['dismissal_not_a_strategy', 'coordinate_with_referral_agency', 'victims_not_considered', 'adverse_information_undetermined']);
  });

  it('after his separation, still recommends planning for safety', () => {
    const out = run({ ...domingo, facts: { ...domingo.facts, subject_separated: true } });
    expect(options(out)).toContain('post_separation_safety_plan');
  });
});

// Lesson 3 > Threat Analysis > Example (Toebbe); answer key Lesson 3 Review Activity 1 and Lesson 4 Review Activity 2.
describe('case study: the Toebbe disclosure (toebbe-*.json)', () => {
  it('for DOD: the FBI immediately under Section 811, then DITMAC, MILDEP CI and law enforcement', () => {
    const out = run(loadEvaluateFixture('toebbe-dod.json'));
    expect(recipients(out)).toEqual(['fbi', 'ditmac', 'mildep_ci', 'law_enforcement', 'internal']);
    expect(out.obligations[0]).toMatchObject({ timing: 'immediately', citation: 'Section 811, Intelligence Authorization Act (50 U.S.C. 3381(e))' });
    expect(warnings(out)).toEqual(['reporting_due', 'adverse_information_undetermined']);
  });

  it('for Federal: the FBI immediately under Section 811 and internal procedures', () => {
    const out = run(loadEvaluateFixture('toebbe-federal.json'));
    expect(recipients(out)).toEqual(['fbi', 'internal']);
    expect(warnings(out)).toEqual(['reporting_due']);
  });

  it('for industry: FBI and DCSA under 32 CFR 117.8(b) and (d), with no Section 811 or DITMAC', () => {
    const out = run(loadEvaluateFixture('toebbe-industry.json'));
    expect(recipients(out)).toEqual(['fbi', 'dcsa', 'internal']);
    expect(out.obligations.find((o) => o.recipient === 'dcsa')?.citation).toBe('32 CFR 117.8(b); 32 CFR 117.8(d)');
    expect(JSON.stringify(out)).not.toMatch(/Section 811|DITMAC/);
    expect(warnings(out)).toEqual(['adverse_information_undetermined']);
  });

  it.each(['toebbe-dod.json', 'toebbe-federal.json', 'toebbe-industry.json'] as const)(
    '%s: counterintelligence and law enforcement lead, and nothing the person would notice is recommended',
    (name) => {
      const out = run(loadEvaluateFixture(name));
      expect(options(out).slice(0, 2)).toEqual(['refer_counterintelligence', 'refer_law_enforcement']);
      expect(options(out)).not.toContain('employee_assistance_program');
      expect(options(out)).not.toContain('security_violation');
    },
  );

  it('warns against notifying Toebbe while the FBI must be told (Lesson 3 Review Activity 1)', () => {
    const dod = loadEvaluateFixture('toebbe-dod.json');
    expect(warnings(run({ ...dod, plan: [...dod.plan, 'notify_subject'] }))).toContain('fbi_coordination_hold');
    const industry = loadEvaluateFixture('toebbe-industry.json');
    expect(warnings(run({ ...industry, plan: [...industry.plan, 'notify_subject'] }))).toContain('coordinate_with_referral_agency');
  });

  // Answer key, Lesson 3 Review Activity 1: "Although you should avoid alerting the individual…" — active transmittal or not.
  it.each(['toebbe-dod.json', 'toebbe-federal.json', 'toebbe-industry.json'] as const)('%s: notifying him during active transmission draws avoid_alerting', (name) => {
    const input = loadEvaluateFixture(name);
    expect(input.facts.active_transmission).toBe(true);
    const w = run({ ...input, plan: [...input.plan, 'notify_subject'] }).warnings.find((x) => x.code === 'avoid_alerting');
    expect(w?.options).toEqual(['notify_subject']);
  });
});
