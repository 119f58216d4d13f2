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
});
