import { describe, expect, it } from 'vitest';
import { catalog } from '../domain';
import { allWarningCodes } from '../domain/ids';
import { effectivenessRatings } from '../model/effectiveness';
import { auditDetailText, auditEventLabel, effectivenessText, fieldLabel, humanizeCode, SNAKE_CODE_PATTERN, UUID_PATTERN, valueLabel, warningLabel, warningLabels } from '.';

const id = '3f2b8c1e-9a4d-4c2e-8f00-1234567890ab';

describe('words, not codes', () => {
  it('every warning code has its own label, none of them a code', () => {
    for (const code of allWarningCodes) {
      expect(warningLabels[code], code).toBeDefined();
      expect(warningLabel(code)).not.toMatch(SNAKE_CODE_PATTERN);
    }
  });

  it('every effectiveness rating and every response option reads in words', () => {
    for (const rating of effectivenessRatings) expect(valueLabel(rating)).not.toMatch(SNAKE_CODE_PATTERN);
    for (const option of catalog.responseOptions) expect(valueLabel(option.id)).toBe(option.label);
    expect(valueLabel('partly_effective')).toBe('Partly effective');
    expect(valueLabel('too_early')).toBe('Too early to tell');
    expect(valueLabel('interview_subject')).toBe(catalog.responseOptions.find((o) => o.id === 'interview_subject')?.label);
  });

  it('effectiveness as stored ("rating: note") reads as words and keeps the note', () => {
    expect(effectivenessText('too_early')).toBe('Too early to tell');
    expect(effectivenessText('partly_effective: fewer loans asked for')).toBe('Partly effective — fewer loans asked for');
    expect(effectivenessText('free text')).toBe('free text');
  });

  it('fields and unknown codes are humanized', () => {
    expect(fieldLabel('realName')).toBe('Full name');
    expect(fieldLabel('employeeId')).toBe('Employee ID');
    expect(humanizeCode('some_new_code')).toBe('Some new code');
    expect(humanizeCode('someField')).toBe('Some field');
    expect(auditEventLabel('case.print_pdf')).toBe('Saved the case summary as PDF');
    expect(auditEventLabel('brand.new_event')).toBe('Brand new event');
  });

  it('audit details name items instead of their ids, and show no code or UUID', () => {
    const names = (x: string) => (x === id ? 'Employee Assistance Program (EAP)' : undefined);
    const text = auditDetailText({ actionId: id, optionId: 'interview_subject', ownerDiscipline: 'law_enforcement', fields: ['realName', 'employeeId'], revealed: false, facts: ['criminal_conduct=no'] }, names);
    expect(text).toContain('Action: Employee Assistance Program (EAP)');
    expect(text).toContain('Fields: Full name, Employee ID');
    expect(text).toContain('Owner discipline: Law enforcement');
    expect(text).toContain('Name shown: no');
    expect(text).not.toMatch(SNAKE_CODE_PATTERN);
    expect(text).not.toMatch(UUID_PATTERN);
    // An id nobody can name is left out, not shown.
    expect(auditDetailText({ strategyId: id })).toBe('');
    // Ids kept from an imported case or packet need not be bare UUIDs: named the same, or left out.
    const imported = `p-${id}`;
    expect(auditDetailText({ indicatorId: imported, fields: ['summary'] }, (x) => (x === imported ? 'Large gambling debt' : undefined))).toBe('Indicator: Large gambling debt · Fields: Summary');
    expect(auditDetailText({ reportId: imported })).toBe('');
    // A code under an *Id key is still a code with words.
    expect(auditDetailText({ optionId: 'interview_subject' })).not.toMatch(SNAKE_CODE_PATTERN);
  });
});
