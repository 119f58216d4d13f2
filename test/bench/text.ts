import type { Rng } from './prng';
import { slots } from './vocabulary';

/** Fills every `{slot}` of a template from the vocabulary and capitalises the first letter. */
export function render(rng: Rng, template: string): string {
  const filled = template.replace(/\{([a-z]+)\}/g, (_match, name: string) => {
    const choices = slots[name];
    if (choices === undefined) throw new Error(`The synthetic vocabulary has no slot "${name}".`);
    return rng.pick(choices);
  });
  return filled.charAt(0).toUpperCase() + filled.slice(1);
}

/** Words separated by single spaces, as the templates write them. */
export function wordCount(text: string): number {
  let n = text.length > 0 ? 1 : 0;
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) n += 1;
  return n;
}

/**
 * Sentences from the pools, in turn, until the text reaches `minWords`; pools are
 * visited round-robin so a long text mixes its topics instead of repeating one.
 */
export function paragraph(rng: Rng, pools: readonly (readonly string[])[], minWords: number): string {
  const sentences: string[] = [];
  let words = 0;
  for (let turn = 0; words < minWords && turn < 200; turn += 1) {
    const pool = pools[turn % pools.length];
    if (pool === undefined || pool.length === 0) continue;
    const sentence = render(rng, rng.pick(pool));
    sentences.push(sentence);
    words += wordCount(sentence);
  }
  return sentences.join(' ');
}

const DAY = 86_400_000;

export const days = (n: number): number => n * DAY;

export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const isoStamp = (ms: number): string => new Date(ms).toISOString();
