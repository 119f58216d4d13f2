import { describe, expect, it } from 'vitest';
import type { FactId, ProgramType, Recipient } from '../ids';
import { witness, type Facts } from '../rules/condition';
import { reportingObligations, type Obligation } from './obligations';
import { reportingRuleSchema, type ReportingRule } from './rule';
import { reportingRules } from './rules';

const obligations = (program: ProgramType, facts: Facts): Obligation[] => reportingObligations(program, { facts, indicators: [] });
const recipientsOf = (program: ProgramType, facts: Facts): Recipient[] => obligations(program, facts).map((o) => o.recipient);
const find = (program: ProgramType, facts: Facts, recipient: Recipient): Obligation | undefined =>
  obligations(program, facts).find((o) => o.recipient === recipient);
const only = (...facts: FactId[]): Facts => Object.fromEntries(facts.map((f) => [f, true]));

describe('reporting rules', () => {
  it('are well-formed data with unique ids, each citing a seed passage', () => {
    const ids = reportingRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of reportingRules) {
      expect(() => reportingRuleSchema.parse(rule)).not.toThrow();
      expect(rule.sources.length, rule.id).toBeGreaterThan(0);
      expect(rule.basis.endsWith('.'), rule.id).toBe(true);
    }
  });

  it('every rule fires, on every clause of its condition, for each of its programs', () => {
    for (const rule of reportingRules) {
      for (const clause of rule.when.anyOf) {
        for (const program of rule.programs) {
          const fired = reportingObligations(program, witness(clause)).flatMap((o) => o.rules);
          expect(fired, `${rule.id} on ${JSON.stringify(clause)}`).toContain(rule.id);
        }
      }
    }
  });

  // Lesson 5 > DOD / Federal / Industry Requirements: "must comply with any other internal reporting procedures".
  it('always yields the internal obligation, for every program, even with no facts', () => {
    for (const program of ['dod', 'federal', 'industry'] as const) {
      expect(recipientsOf(program, {})).toEqual(['internal']);
      expect(find(program, {}, 'internal')?.timing).toBe('per_internal_procedures');
    }
  });
});

describe('DOD reporting (Lesson 5 > DOD Requirements)', () => {
  // Lesson 5 > DOD Requirements > FBI Reporting; Section 811 "advised immediately".
  it('reports a possible disclosure of classified information to a foreign power to the FBI immediately under Section 811', () => {
    const fbi = find('dod', only('classified_disclosure', 'foreign_recipient'), 'fbi');
    expect(fbi?.timing).toBe('immediately');
    expect(fbi?.citation).toBe('Section 811, Intelligence Authorization Act (50 U.S.C. 3381(e))');
    expect(fbi?.channel).toContain('FBI Headquarters');
  });

  it('does not report to the FBI when either half of the Section 811 trigger is missing or false', () => {
    expect(find('dod', only('classified_disclosure'), 'fbi')).toBeUndefined();
    expect(find('dod', only('foreign_recipient'), 'fbi')).toBeUndefined();
    expect(find('dod', { classified_disclosure: true, foreign_recipient: false }, 'fbi')).toBeUndefined();
  });

  // Lesson 5 > DOD Requirements > DITMAC Reporting; answer key Lesson 5 Review Activity 3.
  it.each([
    ['unauthorized disclosure', 'classified_disclosure'],
    ['allegiance to the United States', 'allegiance_concern'],
    ['serious threat', 'violence_threat'],
    ['serious threat (imminent)', 'violence_imminent'],
    ['criminal conduct and affiliation', 'criminal_conduct'],
    ['allegiance (espionage)', 'espionage'],
    ['allegiance (terrorism)', 'terrorism'],
  ] as const)('reports to the DITMAC when the %s threshold is met', (_name, fact) => {
    const ditmac = find('dod', only(fact), 'ditmac');
    expect(ditmac?.channel).toBe('DITMAC System of Systems (DSOS)');
    expect(ditmac?.citation).toContain('DITMAC Reporting');
  });

  it('joins several DITMAC thresholds into one obligation naming each', () => {
    const ditmac = obligations('dod', only('classified_disclosure', 'criminal_conduct', 'violence_threat')).filter((o) => o.recipient === 'ditmac');
    expect(ditmac).toHaveLength(1);
    expect(ditmac[0]?.basis).toContain('"Unauthorized disclosure"');
    expect(ditmac[0]?.basis).toContain('"Serious threat"');
    expect(ditmac[0]?.basis).toContain('"Criminal conduct and affiliation"');
    expect(ditmac[0]?.rules).toHaveLength(3);
    expect(ditmac[0]?.citation.split('; ')).toHaveLength(1);
  });

  // Lesson 5 > DOD Requirements > MILDEP CI Office Reporting (DODD 5240.06 Encl. 4).
  it.each(['foreign_intelligence_contact', 'espionage', 'sabotage', 'subversion'] as const)(
    'reports %s to the cognizant MILDEP CI office under DODD 5240.06 Encl. 4',
    (fact) => {
      expect(find('dod', only(fact), 'mildep_ci')?.citation).toBe('DODD 5240.06 Encl. 4');
    },
  );

  // The guide names *international* terrorism for CI; domestic terrorism is a law enforcement matter.
  it('routes domestic terrorism to law enforcement, not to a MILDEP CI office', () => {
    expect(recipientsOf('dod', only('terrorism'))).toEqual(['ditmac', 'law_enforcement', 'internal']);
    expect(find('dod', only('terrorism'), 'law_enforcement')?.rules).toEqual(['dod_law_enforcement_terrorism']);
    // International terrorism is a foreign-intelligence matter (foreign_intelligence_contact): CI as well.
    expect(recipientsOf('dod', only('terrorism', 'foreign_intelligence_contact'))).toContain('mildep_ci');
  });

  it('reports a disclosure to a foreign power to the MILDEP CI office too', () => {
    expect(find('dod', only('classified_disclosure', 'foreign_recipient'), 'mildep_ci')).toBeDefined();
  });

  // Lesson 5 > DOD Requirements: "adverse information pursuant to the adjudicative guidelines to ... DISS".
  it('enters adverse information in DISS, not with DCSA', () => {
    expect(recipientsOf('dod', only('adverse_information'))).toEqual(['diss', 'internal']);
  });

  // Lesson 5 > DOD Requirements: "report criminal activity to the appropriate military or local law enforcement".
  it('reports criminal activity to military or local law enforcement, and imminent violence immediately', () => {
    expect(find('dod', only('criminal_conduct'), 'law_enforcement')?.timing).toBe('promptly');
    const both = find('dod', only('criminal_conduct', 'violence_imminent'), 'law_enforcement');
    expect(both?.timing).toBe('immediately');
    expect(both?.rules).toEqual(['dod_law_enforcement_criminal_activity', 'dod_law_enforcement_violence_imminent']);
  });
});

describe('Federal reporting (Lesson 5 > Federal Requirements)', () => {
  it('reports a possible disclosure to a foreign power to the FBI immediately under Section 811', () => {
    expect(find('federal', only('classified_disclosure', 'foreign_recipient'), 'fbi')?.citation).toContain('Section 811');
  });

  it('has no DITMAC, MILDEP CI, DISS, DCSA or law enforcement obligation, whatever the facts', () => {
    const everything = only('classified_disclosure', 'foreign_recipient', 'espionage', 'criminal_conduct', 'adverse_information', 'classified_loss', 'violence_imminent');
    expect(recipientsOf('federal', everything)).toEqual(['fbi', 'internal']);
  });
});

describe('Industry reporting (Lesson 5 > Industry Requirements, 32 CFR 117.8)', () => {
  it.each(['espionage', 'sabotage', 'terrorism', 'subversion'] as const)('reports possible %s to both the FBI and DCSA under 32 CFR 117.8(b)', (fact) => {
    const result = obligations('industry', only(fact));
    expect(result.map((o) => o.recipient)).toEqual(['fbi', 'dcsa', 'internal']);
    expect(result[0]?.citation).toBe('32 CFR 117.8(b)');
    expect(result[1]?.citation).toBe('32 CFR 117.8(b)');
  });

  it('reports adverse information to DCSA through DISS under 32 CFR 117.8(c)(1)', () => {
    const dcsa = find('industry', only('adverse_information'), 'dcsa');
    expect(dcsa?.citation).toBe('32 CFR 117.8(c)(1)');
    expect(dcsa?.channel).toContain('DISS');
    expect(recipientsOf('industry', only('adverse_information'))).not.toContain('diss');
  });

  it('reports loss, compromise or suspected compromise (including an unauthorized disclosure) to DCSA under 32 CFR 117.8(d)', () => {
    expect(find('industry', only('classified_loss'), 'dcsa')?.citation).toBe('32 CFR 117.8(d)');
    expect(find('industry', only('classified_disclosure'), 'dcsa')?.citation).toBe('32 CFR 117.8(d)');
  });

  // Answer key, Lesson 5 Review Activity 1: the Section 811 FBI report is not an industry requirement.
  it('never applies Section 811 or the DITMAC to industry', () => {
    const result = obligations('industry', only('classified_disclosure', 'foreign_recipient', 'allegiance_concern', 'violence_threat', 'criminal_conduct'));
    expect(result.map((o) => o.recipient)).toEqual(['fbi', 'dcsa', 'internal']);
    for (const o of result) expect(`${o.basis} ${o.citation}`).not.toMatch(/811|DITMAC/);
  });

  // Lesson 5 > Industry Requirements: "actual, probable, or possible espionage … to the FBI and DCSA".
  it('reports a disclosure to a foreign power to the FBI and DCSA as possible espionage, without espionage being marked', () => {
    const result = obligations('industry', only('classified_disclosure', 'foreign_recipient'));
    expect(result.map((o) => o.recipient)).toEqual(['fbi', 'dcsa', 'internal']);
    expect(result[0]).toMatchObject({ citation: '32 CFR 117.8(b)', rules: ['industry_fbi_117_8_b_foreign_disclosure'] });
    expect(result[0]?.basis).toContain('possible espionage');
    expect(result[1]?.rules).toEqual(['industry_dcsa_117_8_b_foreign_disclosure', 'industry_dcsa_loss_compromise']);
    // Not when the recipient is known not to be foreign: then it is a compromise for DCSA only.
    expect(recipientsOf('industry', { classified_disclosure: true, foreign_recipient: false })).toEqual(['dcsa', 'internal']);
  });

  // 32 CFR 117.8(c): suspicious contacts (the guides are silent; the regulation governs and the citation says so).
  it('reports a suspicious contact to DCSA under 32 CFR 117.8(c), for industry only', () => {
    const dcsa = find('industry', only('suspicious_contact'), 'dcsa');
    expect(dcsa?.citation).toMatch(/^32 CFR 117\.8\(c\) .*guides are silent/);
    expect(dcsa?.timing).toBe('promptly');
    expect(recipientsOf('dod', only('suspicious_contact'))).toEqual(['internal']);
    expect(recipientsOf('federal', only('suspicious_contact'))).toEqual(['internal']);
  });

  it('joins the bases for DCSA into one obligation', () => {
    const dcsa = obligations('industry', only('espionage', 'adverse_information', 'classified_loss')).filter((o) => o.recipient === 'dcsa');
    expect(dcsa).toHaveLength(1);
    expect(dcsa[0]?.citation).toBe('32 CFR 117.8(b); 32 CFR 117.8(c)(1); 32 CFR 117.8(d)');
  });
});

describe("a program's own procedures as extra rules", () => {
  const extra: ReportingRule = {
    id: 'hub_sop_foreign_travel',
    programs: ['industry'],
    recipient: 'internal',
    when: { anyOf: [[{ category: 'foreign', stage: 'concerning_behavior' }]] },
    basis: 'Hub SOP 4.2: report unreported foreign contacts to the facility security officer within one day.',
    citation: 'Hub SOP 4.2',
    timing: 'promptly',
    sources: [],
  };

  it('adds to the built-in rules and joins with the internal obligation', () => {
    const result = reportingObligations('industry', { facts: {}, indicators: [{ category: 'foreign', stage: 'concerning_behavior' }] }, [extra]);
    const internal = result.find((o) => o.recipient === 'internal');
    expect(internal?.timing).toBe('promptly');
    expect(internal?.citation).toContain('Hub SOP 4.2');
    expect(internal?.rules).toEqual(['industry_internal_procedures', 'hub_sop_foreign_travel']);
  });

  it('applies only to its programs and only when its condition holds', () => {
    expect(reportingObligations('dod', { facts: {}, indicators: [{ category: 'foreign', stage: 'concerning_behavior' }] }, [extra])[0]?.rules).toEqual(['dod_internal_procedures']);
    expect(reportingObligations('industry', { facts: {}, indicators: [] }, [extra])[0]?.rules).toEqual(['industry_internal_procedures']);
  });
});
