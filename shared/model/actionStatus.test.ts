import { describe, expect, it } from 'vitest';
import { evaluate } from '../domain';
import { actionTransitions, canTransition, warningsAgainstApproval } from './actionStatus';
import { actionStatuses } from './caseRecord';

describe('the life of an action', () => {
  it('moves forward one step at a time, and can be discontinued until it is final', () => {
    expect(canTransition('proposed', 'legal_review')).toBe(true);
    expect(canTransition('proposed', 'approved')).toBe(false);
    expect(canTransition('legal_review', 'approved')).toBe(true);
    expect(canTransition('approved', 'in_progress')).toBe(true);
    expect(canTransition('in_progress', 'done')).toBe(true);
    for (const from of ['proposed', 'legal_review', 'approved', 'in_progress'] as const) expect(canTransition(from, 'discontinued')).toBe(true);
    for (const to of actionStatuses) {
      expect(canTransition('done', to)).toBe(false);
      expect(canTransition('discontinued', to)).toBe(false);
    }
    // Never backwards, never to itself.
    for (const from of actionStatuses) {
      expect(actionTransitions[from]).not.toContain(from);
      for (const to of actionTransitions[from]) if (to !== 'discontinued') expect(actionStatuses.indexOf(to)).toBe(actionStatuses.indexOf(from) + 1);
    }
  });
});

describe('warnings that stand against approving an action', () => {
  it('counts warnings naming the option and plan-wide ones, not fact-only ones or the missing legal review', () => {
    const out = evaluate({ program: 'dod', facts: { classified_disclosure: true, foreign_recipient: true }, indicators: [], plan: ['interview_subject', 'preserve_evidence'] });
    const codes = out.warnings.map((w) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['reporting_due', 'fbi_coordination_hold', 'avoid_alerting', 'legal_review_missing']));
    expect(warningsAgainstApproval(out.warnings, 'interview_subject').map((w) => w.code).sort()).toEqual(['avoid_alerting', 'fbi_coordination_hold']);
    expect(warningsAgainstApproval(out.warnings, 'preserve_evidence')).toEqual([]);
  });

  it('holds every action to a plan-wide warning such as dismissal without a safety plan', () => {
    const out = evaluate({ program: 'dod', facts: { subject_separated: true }, indicators: [], plan: ['legal_review', 'random_bag_checks'] });
    expect(warningsAgainstApproval(out.warnings, 'random_bag_checks').map((w) => w.code)).toEqual(['dismissal_not_a_strategy']);
  });

  // Industry, Lesson 5: a disclosure to a foreign power is at least possible espionage (FBI and DCSA).
  it('does not skip consider_espionage_report: while the recipient is undecided, any action may interfere', () => {
    const out = evaluate({ program: 'industry', facts: { classified_disclosure: true }, indicators: [], plan: ['security_counseling', 'legal_review'] });
    expect(warningsAgainstApproval(out.warnings, 'security_counseling').map((w) => w.code)).toEqual(['consider_espionage_report']);
  });

  it('holds an industry foreign disclosure to the referral agencies: noticeable actions need coordination with the FBI', () => {
    const out = evaluate({ program: 'industry', facts: { classified_disclosure: true, foreign_recipient: true }, indicators: [], plan: ['notify_subject', 'legal_review'] });
    expect(warningsAgainstApproval(out.warnings, 'notify_subject').map((w) => w.code).sort()).toEqual(['avoid_alerting', 'coordinate_with_referral_agency']);
  });

  it('holds the punitive options, and only those, to whistleblower protection', () => {
    const out = evaluate({ program: 'federal', facts: { protected_disclosure: true }, indicators: [], plan: ['revoke_access', 'employee_assistance_program', 'legal_review'] });
    expect(warningsAgainstApproval(out.warnings, 'revoke_access').map((w) => w.code)).toContain('whistleblower_protection');
    expect(warningsAgainstApproval(out.warnings, 'employee_assistance_program').map((w) => w.code)).not.toContain('whistleblower_protection');
  });
});
