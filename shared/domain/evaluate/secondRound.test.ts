import { describe, expect, it } from 'vitest';
import { optionById } from '../catalog/options';
import type { EvaluateInputDraft } from './schema';
import { evaluate } from './evaluate';
import { evaluateInputSchema, evaluateOutputSchema, type EvaluateOutput } from './schema';

/** Scenarios of the second review of the engine against the two guides, one per numbered point. */
const run = (draft: EvaluateInputDraft): EvaluateOutput => evaluateOutputSchema.parse(evaluate(evaluateInputSchema.parse(draft)));
const options = (out: EvaluateOutput) => out.recommendations.map((r) => r.option);
const codes = (out: EvaluateOutput) => out.warnings.map((w) => w.code);

describe('self-harm is a welfare matter, not a threat to others (point 3)', () => {
  const suicidal: EvaluateInputDraft = {
    program: 'federal',
    facts: { self_harm_risk: true, violence_threat: false },
    indicators: [{ category: 'judgment_psychological', stage: 'concerning_behavior', summary: 'told a colleague he sees no way out' }],
  };

  it('recommends suicide prevention, counseling and the EAP', () => {
    const out = run(suicidal);
    expect(options(out)).toEqual(expect.arrayContaining(['suicide_prevention_referral', 'mental_health_counseling_referral', 'employee_assistance_program']));
    expect(out.recommendations.find((r) => r.option === 'suicide_prevention_referral')?.rules).toEqual(['self_harm_response']);
  });

  it('recommends no law enforcement referral, restraining order, victim protection or target hardening', () => {
    const out = run(suicidal);
    const offered = options(out);
    for (const id of ['refer_law_enforcement', 'legal_action', 'request_law_enforcement_assistance'] as const) expect(offered).not.toContain(id);
    expect(offered.filter((id) => optionById(id).target === 'victim')).toEqual([]);
    for (const id of ['reduce_access_points', 'visible_security_measures', 'random_bag_checks'] as const) expect(offered).not.toContain(id);
    expect(codes(run({ ...suicidal, plan: ['suicide_prevention_referral', 'legal_review'] }))).toEqual([]);
  });

  it('keeps the protections when a threat to others is also true', () => {
    const out = run({ ...suicidal, facts: { self_harm_risk: true, violence_threat: true } });
    expect(options(out)).toEqual(expect.arrayContaining(['suicide_prevention_referral', 'refer_law_enforcement', 'personal_safety_planning']));
  });

  it('meets the DITMAC serious-threat threshold for DOD (a threat to self or others)', () => {
    const ditmac = run({ ...suicidal, program: 'dod' }).obligations.find((o) => o.recipient === 'ditmac');
    expect(ditmac?.basis).toContain('Serious threat');
  });
});

describe('options the guides list, now recommended where they list them (point 10)', () => {
  it('user activity monitoring for an extremist, radicalizing subject (Domingo, Lesson 4 cybersecurity responses)', () => {
    const out = run({ program: 'dod', facts: { allegiance_concern: true } });
    const uam = out.recommendations.find((r) => r.option === 'user_activity_monitoring');
    expect(uam?.rules).toContain('allegiance_response');
    expect(uam?.source).toContain('Cybersecurity');
    expect(options(run({ program: 'dod', facts: { terrorism: true } }))).toContain('user_activity_monitoring');
  });

  it('a return-to-work assessment after an involuntary commitment', () => {
    const out = run({ program: 'federal', facts: { involuntary_commitment_needed: true } });
    expect(out.recommendations.find((r) => r.option === 'return_to_work_assessment')?.rules).toEqual(['involuntary_commitment_response']);
  });

  it('flagging addresses in 9-1-1 and the other victim options for workplace violence', () => {
    for (const fact of ['violence_threat', 'violence_imminent', 'domestic_violence_spillover'] as const) {
      expect(options(run({ program: 'federal', facts: { [fact]: true } })), fact).toEqual(expect.arrayContaining(['flag_address_911', 'cease_communication']));
    }
    expect(options(run({ program: 'federal', facts: { violence_threat: true } }))).toEqual(
      expect.arrayContaining(['virtual_stalking_awareness', 'manage_social_media_privacy', 'vary_routes_and_routines']),
    );
  });
});

describe('a protected disclosure is not a leak (point 12; 50 U.S.C. 3234, PPD-19)', () => {
  const toInspectorGeneral: EvaluateInputDraft = {
    program: 'dod',
    facts: { classified_disclosure: true, protected_disclosure: true, foreign_recipient: false },
    plan: ['terminate_employment', 'revoke_access', 'legal_review'],
  };

  it('creates no unauthorized-disclosure obligation', () => {
    const out = run(toInspectorGeneral);
    expect(out.obligations.map((o) => o.recipient)).toEqual(['internal']);
    expect(run({ ...toInspectorGeneral, program: 'industry' }).obligations.map((o) => o.recipient)).toEqual(['internal']);
    // Without the protected channel the same disclosure is a DITMAC report.
    expect(run({ ...toInspectorGeneral, facts: { classified_disclosure: true, foreign_recipient: false } }).obligations.map((o) => o.recipient)).toContain('ditmac');
  });

  it('warns that reprisal is prohibited and names the punitive options', () => {
    const w = run(toInspectorGeneral).warnings.find((x) => x.code === 'whistleblower_protection');
    expect(w?.options).toEqual(['terminate_employment', 'revoke_access']);
    expect(w?.source).toContain('50 U.S.C. 3234');
  });

  it('does not shield a disclosure to a foreign power', () => {
    const out = run({ ...toInspectorGeneral, facts: { classified_disclosure: true, protected_disclosure: true, foreign_recipient: true } });
    expect(out.obligations[0]).toMatchObject({ recipient: 'fbi', timing: 'immediately' });
    expect(out.warnings.find((x) => x.code === 'whistleblower_protection')?.message).toContain('foreign power is not protected');
  });
});

describe('proportionality (point 6)', () => {
  it('a financial stressor alone answered with revocation and administrative action draws disproportionate_response', () => {
    const out = run({
      program: 'dod',
      indicators: [{ category: 'financial', stage: 'stressor', summary: 'large gambling debt' }],
      plan: ['revoke_access', 'administrative_action', 'legal_review'],
    });
    expect(codes(out)).toEqual(['disproportionate_response']);
  });

  it('no action while violence is imminent draws no_action_while_imminent', () => {
    const out = run({ program: 'federal', facts: { violence_imminent: true }, plan: ['no_action', 'legal_review'] });
    expect(codes(out)).toContain('no_action_while_imminent');
  });
});

describe('an investigation under way (point 5)', () => {
  it('asks the program to deconflict every option but evidence, referrals and waiting', () => {
    const out = run({
      program: 'industry',
      facts: { espionage: true, referral_agency_investigating: true },
      plan: ['preserve_evidence', 'refer_counterintelligence', 'security_counseling', 'legal_review'],
    });
    expect(out.warnings.find((w) => w.code === 'investigation_deconfliction')?.options).toEqual(['security_counseling']);
  });
});
