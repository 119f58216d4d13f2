import { describe, expect, it } from 'vitest';
import { dismissalReason } from './closure';

const record = (determinations: { factId: string; value: string }[], actions: { optionId: string; status: string }[]) => ({ determinations, actions });

describe('dismissalReason', () => {
  it('reads the separation determination', () => {
    expect(dismissalReason(record([{ factId: 'subject_separated', value: 'yes' }], []))).toBe('separated');
    expect(dismissalReason(record([{ factId: 'subject_separated', value: 'no' }], []))).toBeNull();
  });

  it('counts a termination action that is done even when nobody marked the person separated', () => {
    expect(dismissalReason(record([], [{ optionId: 'terminate_employment', status: 'done' }]))).toBe('termination_done');
    expect(dismissalReason(record([{ factId: 'subject_separated', value: 'no' }], [{ optionId: 'terminate_employment', status: 'done' }]))).toBe('termination_done');
  });

  it('counts a planned termination, but not a discontinued one', () => {
    for (const status of ['proposed', 'legal_review', 'approved', 'in_progress']) {
      expect(dismissalReason(record([], [{ optionId: 'terminate_employment', status }])), status).toBe('termination_planned');
    }
    expect(dismissalReason(record([], [{ optionId: 'terminate_employment', status: 'discontinued' }]))).toBeNull();
    expect(dismissalReason(record([], [{ optionId: 'employee_assistance_program', status: 'done' }]))).toBeNull();
  });
});
