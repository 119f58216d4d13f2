import { describe, expect, it } from 'vitest';
import { lawEnforcementAssistance } from './lawEnforcement';
import { stagesPresent } from './pathway';

// CISA page, III. Use of Law Enforcement in Threat Management: "Consider requesting the assistance of local law enforcement when: …"
describe('law enforcement assistance criteria', () => {
  it.each([
    ['actual criminal violations exist', 'criminal_conduct'],
    ['a threat of violence is imminent or taking place', 'violence_imminent'],
    ['an involuntary mental health commitment is necessary', 'involuntary_commitment_needed'],
    ['a potentially violent person is being suspended or terminated', 'separation_of_potentially_violent_person'],
    ['domestic violence threatens the safety of the organization', 'domestic_violence_spillover'],
    ['wellness checks are needed', 'wellness_check_needed'],
  ] as const)('recommends assistance when %s', (_text, fact) => {
    expect(lawEnforcementAssistance({ [fact]: true })).toEqual({ recommended: true, criteria: [fact] });
  });

  it('does not count a threat of violence that is not imminent, nor false or unknown facts', () => {
    expect(lawEnforcementAssistance({ violence_threat: true, criminal_conduct: false })).toEqual({ recommended: false, criteria: [] });
    expect(lawEnforcementAssistance({})).toEqual({ recommended: false, criteria: [] });
  });

  it("lists several criteria in the page's order", () => {
    expect(lawEnforcementAssistance({ wellness_check_needed: true, criminal_conduct: true, violence_imminent: true }).criteria).toEqual([
      'criminal_conduct',
      'violence_imminent',
      'wellness_check_needed',
    ]);
  });
});

// Lesson 2 > Behavioral Model of Insider Threat: predispositions, stressors, concerning behaviors, in that order.
describe('pathway stages present', () => {
  it('lists each stage once, in pathway order, whatever the order of the indicators', () => {
    expect(
      stagesPresent([
        { category: 'financial', stage: 'concerning_behavior' },
        { category: 'substance', stage: 'predisposition' },
        { category: 'financial', stage: 'concerning_behavior' },
      ]),
    ).toEqual(['predisposition', 'concerning_behavior']);
    expect(stagesPresent([])).toEqual([]);
  });
});
