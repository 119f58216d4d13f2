import type { CaseListInput } from '../../shared/contract/cases';
import { hubAnalysts } from './hub';
import { createRng } from './prng';
import * as words from './vocabulary';

/** Case-list pages the benchmark opens: the landing page and filtered, sorted views. */
export const listShapes: readonly { name: string; input: CaseListInput }[] = [
  { name: 'all, by last activity', input: { sort: 'lastActivity', direction: 'desc', limit: 100 } },
  { name: 'open, by last activity', input: { status: 'open', sort: 'lastActivity', direction: 'desc', limit: 100 } },
  { name: 'DoD program, by risk', input: { program: 'dod', sort: 'risk', direction: 'desc', limit: 100 } },
  { name: 'one analyst, by next review', input: { assignedTo: hubAnalysts[1]?.name ?? 'Priya Raman', sort: 'nextReview', direction: 'asc', limit: 100 } },
  { name: 'high risk, by number', input: { risk: 'high', sort: 'number', direction: 'asc', limit: 100 } },
  { name: 'monitoring, by subject', input: { status: 'monitoring', sort: 'subject', direction: 'asc', limit: 100 } },
];

const common = new Set(['that', 'this', 'with', 'from', 'their', 'they', 'them', 'have', 'been', 'were', 'what', 'which', 'about', 'after', 'over', 'into', 'than', 'when', 'would', 'could', 'said', 'also', 'only', 'more', 'other', 'before', 'since', 'while', 'does', 'whether']);

/** Every word of four letters or more that the generator writes into case text. */
export function corpusWords(): string[] {
  const texts: string[] = [
    ...Object.values(words.categoryWords).flatMap((c) => [...c.summaries, ...c.details, ...c.sources]),
    ...words.narrativeOpeners,
    ...words.narrativeConnectors,
    ...words.analysisQuestions,
    ...words.analysisAnswers,
    ...words.actionNotes,
    ...words.reviewChanges,
    ...Object.values(words.slots).flat(),
    ...words.lastNames,
  ];
  const found = new Set<string>();
  for (const text of texts) for (const w of text.toLowerCase().replace(/\{[a-z]+\}/g, ' ').match(/\p{L}{4,}/gu) ?? []) if (!common.has(w)) found.add(w);
  return [...found].sort();
}

/**
 * `n` search queries drawn from the corpus vocabulary, as analysts type them: one
 * word, two words, or the first letters of a word (the last word is searched as a
 * prefix, as the case list does).
 */
export function searchQueries(seed: number, n: number): string[] {
  const rng = createRng(seed ^ 0x5eed);
  const vocabulary = corpusWords();
  return Array.from({ length: n }, () => {
    const kind = rng.weighted([['one', 55], ['two', 30], ['prefix', 15]] as const);
    if (kind === 'one') return rng.pick(vocabulary);
    if (kind === 'two') return `${rng.pick(vocabulary)} ${rng.pick(vocabulary)}`;
    const word = rng.pick(vocabulary);
    return word.slice(0, Math.min(word.length, rng.between(4, 6)));
  });
}
