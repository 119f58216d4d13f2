/** The values in first-seen order, each once by its key. */
export function distinct<T>(values: readonly T[], key: (value: T) => string = String): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const value of values) {
    const k = key(value);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(value);
  }
  return out;
}

/** The key of a seed citation, for de-duplication. */
export const citationKey = (c: { seed: string; section: string }): string => `${c.seed}|${c.section}`;
