import { describe, expect, it } from 'vitest';
import { classifyAnswerIsRight } from './exerciseGrading';
import { exerciseById, type ClassifyExercise } from './exercises';

const classify = (id: string): ClassifyExercise => {
  const e = exerciseById(id);
  if (e?.kind !== 'classify') throw new Error(`${id} is not a classify exercise`);
  return e;
};

describe('grading a classify exercise', () => {
  // Lesson 5 Review Activity 1: "Report to the FBI … to a foreign power" applies to DOD and Federal.
  const l5 = classify('l5_ra1_requirements_by_program');
  const fbi = l5.items.find((i) => i.id === 'fbi_foreign_disclosure');

  it('Lesson 5 Review Activity 1 lets an item belong to several programs', () => {
    expect(l5.multiple).toBe(true);
    expect(fbi?.answers).toEqual(['dod', 'federal']);
  });

  it('marks "DOD" alone wrong where the answer is DOD and Federal, and the full answer right', () => {
    if (fbi === undefined) throw new Error('item missing');
    expect(classifyAnswerIsRight(l5, fbi, ['dod'])).toBe(false);
    expect(classifyAnswerIsRight(l5, fbi, ['federal', 'dod'])).toBe(true);
    expect(classifyAnswerIsRight(l5, fbi, ['dod', 'federal', 'industry'])).toBe(false);
    expect(classifyAnswerIsRight(l5, fbi, [])).toBe(false);
  });

  it('grades single-category exercises by one chosen category', () => {
    const single = { multiple: false };
    expect(classifyAnswerIsRight(single, { answers: ['stressor'] }, ['stressor'])).toBe(true);
    expect(classifyAnswerIsRight(single, { answers: ['stressor'] }, ['predisposition'])).toBe(false);
    expect(classifyAnswerIsRight(single, { answers: ['stressor'] }, [])).toBe(false);
  });
});
