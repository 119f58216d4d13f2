import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SeedCitation, SeedId } from '../../shared/domain/citation';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The seed documents live beside the repository, in ../shared/seeds. */
export const seedDir = resolve(repoRoot, '..', 'shared', 'seeds');

const normalize = (text: string): string => text.replace(/\s+/g, ' ');

const cache = new Map<SeedId, string>();

export function seedText(seed: SeedId): string {
  let text = cache.get(seed);
  if (text === undefined) {
    text = normalize(readFileSync(resolve(seedDir, `${seed}.txt`), 'utf8'));
    cache.set(seed, text);
  }
  return text;
}

/**
 * Whether the headings of a citation's section path occur in the seed, in order:
 * each heading after the one before it. Returns the first heading not found.
 */
export function missingHeading(citation: SeedCitation): string | null {
  const text = seedText(citation.seed);
  let from = 0;
  for (const heading of citation.section.split(' > ')) {
    const at = text.indexOf(normalize(heading), from);
    if (at < 0) return heading;
    from = at + heading.length;
  }
  return null;
}

/** Every {seed, section} object reachable from a value. */
export function collectCitations(value: unknown, found: SeedCitation[] = []): SeedCitation[] {
  if (Array.isArray(value)) {
    for (const item of value) collectCitations(item, found);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record['seed'] === 'string' && typeof record['section'] === 'string') {
      found.push({ seed: record['seed'] as SeedId, section: record['section'] });
    } else {
      for (const v of Object.values(record)) collectCitations(v, found);
    }
  }
  return found;
}
