import { describe, expect, it } from 'vitest';
import { bannerLine, defaultMarkings, markingsSchema, portionMark, printedBanner, TRAINING_PRINT_MARK } from './markings';

describe('markings', () => {
  it('joins banner, categories and dissemination controls with double slashes', () => {
    expect(bannerLine(defaultMarkings)).toBe('CUI//PRVCY');
    expect(bannerLine({ ...defaultMarkings, categories: ['PRVCY', 'LEI'], disseminationControls: ['FED ONLY'] })).toBe('CUI//PRVCY/LEI//FED ONLY');
    expect(bannerLine({ ...defaultMarkings, categories: [], disseminationControls: [] })).toBe('CUI');
  });
  it('puts the training marking above the printed banner of a training vault, and leaves the banner of a real vault as configured', () => {
    const markings = { ...defaultMarkings, disseminationControls: ['FED ONLY'] };
    expect(printedBanner(markings, { training: true })).toEqual(['TRAINING — FICTIONAL CASE DATA', 'CUI//PRVCY//FED ONLY']);
    expect(printedBanner(markings, { training: false })).toEqual(['CUI//PRVCY//FED ONLY']);
    // Whatever the program manager configures, the training marking comes first.
    const minimal = { ...defaultMarkings, banner: 'unclassified', categories: [], disseminationControls: [] };
    expect(printedBanner(minimal, { training: true })).toEqual([TRAINING_PRINT_MARK, 'UNCLASSIFIED']);
  });
  it('formats the portion mark', () => {
    expect(portionMark(defaultMarkings)).toBe('(CUI)');
    expect(portionMark({ ...defaultMarkings, portionMark: 'u' })).toBe('(U)');
  });
  it('refuses an empty banner and lower-case categories with a clear message', () => {
    const result = markingsSchema.safeParse({ ...defaultMarkings, banner: ' ', categories: ['prvcy'] });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain('the banner marking is required');
    expect(messages.some((m) => m.includes('upper-case'))).toBe(true);
  });
});
