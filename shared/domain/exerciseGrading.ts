import type { ClassifyExercise, ClassifyItem } from './exercises';

/**
 * Whether an answer to one item of a classify exercise is right. Where an item may
 * belong to several categories (`multiple`, e.g. "DOD + Federal" in Lesson 5 Review
 * Activity 1), the answer is right only when it names exactly the answer key's
 * categories: "DOD" alone is not the answer "DOD and Federal". Otherwise one chosen
 * category is right when the answer key lists it.
 */
export function classifyAnswerIsRight(exercise: Pick<ClassifyExercise, 'multiple'>, item: Pick<ClassifyItem, 'answers'>, picked: readonly string[]): boolean {
  const chosen = new Set(picked);
  if (chosen.size === 0) return false;
  if (!exercise.multiple) return chosen.size === 1 && item.answers.some((a) => chosen.has(a));
  return chosen.size === item.answers.length && item.answers.every((a) => chosen.has(a));
}
