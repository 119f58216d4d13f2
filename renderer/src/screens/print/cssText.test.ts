import { describe, expect, it } from 'vitest';
import { cssString, printedAt } from './cssText';

describe('cssString', () => {
  it('quotes plain text as is', () => {
    expect(cssString('CUI//PRVCY//FED ONLY')).toBe('"CUI//PRVCY//FED ONLY"');
  });
  it('escapes quotes, backslashes and control characters so the text cannot end the string', () => {
    expect(cssString('a"b\\c\nd')).toBe('"a\\22 b\\5c c\\a d"');
    expect(cssString('"; } body { display: none')).toBe('"\\22 ; } body { display: none"');
  });
  it('keeps letters outside ASCII', () => {
    expect(cssString('José Núñez')).toBe('"José Núñez"');
  });
});

describe('printedAt', () => {
  it('formats the moment in UTC to the minute', () => {
    expect(printedAt(new Date('2026-11-20T10:05:59Z'))).toBe('2026-11-20 10:05 UTC');
  });
});
