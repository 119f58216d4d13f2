/**
 * How well a response is working, as a review records it. The case record keeps
 * each action's entry as one string ("partly_effective: note"), so the export
 * format stays as it is; these helpers are the only place that reads or writes it.
 */
export const effectivenessRatings = ['effective', 'partly_effective', 'not_effective', 'too_early'] as const;
export type EffectivenessRating = (typeof effectivenessRatings)[number];

export const effectivenessLabels: Readonly<Record<EffectivenessRating, string>> = {
  effective: 'Effective',
  partly_effective: 'Partly effective',
  not_effective: 'Not effective',
  too_early: 'Too early to tell',
};

export function encodeEffectiveness(rating: EffectivenessRating, note: string): string {
  const trimmed = note.trim();
  return trimmed === '' ? rating : `${rating}: ${trimmed}`;
}

export function decodeEffectiveness(value: string): { rating: EffectivenessRating | null; note: string } {
  const match = /^([a-z_]+)(?::\s?([\s\S]*))?$/.exec(value);
  const rating = effectivenessRatings.find((r) => r === match?.[1]) ?? null;
  if (rating === null) return { rating: null, note: value };
  return { rating, note: match?.[2] ?? '' };
}
