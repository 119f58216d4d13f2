/** Timing figures: milliseconds, rounded to what the clock can tell apart. */
export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs fn once and returns how long it took, in milliseconds. */
export function timeOnce(fn: () => void): number {
  const start = now();
  fn();
  return now() - start;
}

export async function timeOnceAsync(fn: () => Promise<void>): Promise<number> {
  const start = now();
  await fn();
  return now() - start;
}

/** Percentile of sorted numbers, nearest rank (p95 of 100 samples is the 95th). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export const round = (ms: number, digits = 3): number => Number(ms.toFixed(digits));

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { n: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted[sorted.length - 1] ?? Number.NaN), mean: round(mean) };
}

/** Encrypted divided by plain, two decimals; null when the plain figure is zero. */
export function ratio(encrypted: number, plain: number): number | null {
  return plain > 0 ? Number((encrypted / plain).toFixed(2)) : null;
}
