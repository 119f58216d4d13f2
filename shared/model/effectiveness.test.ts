import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEffectiveness, effectivenessRatings, encodeEffectiveness } from './effectiveness';

describe('effectiveness entries', () => {
  it('round-trip a rating and any note', () => {
    fc.assert(
      fc.property(fc.constantFrom(...effectivenessRatings), fc.string(), (rating, note) => {
        expect(decodeEffectiveness(encodeEffectiveness(rating, note))).toEqual({ rating, note: note.trim() });
      }),
    );
  });

  it('read free text written elsewhere as a note without a rating', () => {
    expect(decodeEffectiveness('Seems to help')).toEqual({ rating: null, note: 'Seems to help' });
    expect(decodeEffectiveness('effective')).toEqual({ rating: 'effective', note: '' });
  });
});
