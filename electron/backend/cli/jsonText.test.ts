import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, lineAndColumn, parseJsonText } from './jsonText';

const failure = (text: string) => {
  const result = parseJsonText(text);
  if (result.ok) throw new Error('expected a parse failure');
  return result;
};

describe('parseJsonText', () => {
  it('parses valid JSON', () => {
    expect(parseJsonText('{"a":[1,2,{"b":null}],"c":"\\u00e9"}')).toEqual({ ok: true, value: { a: [1, 2, { b: null }], c: 'é' } });
  });

  it('gives the line and column of the first error', () => {
    expect(failure('{\n  "program": "dod",\n}')).toMatchObject({ line: 3, column: 1, reason: 'expected a property name in double quotes, found "}"' });
    expect(failure('{\n  "facts": { "espionage": tru }\n}')).toMatchObject({ line: 2, column: 27, reason: 'unexpected "t"' });
    expect(failure('{"a": 1 "b": 2}')).toMatchObject({ line: 1, column: 9, reason: 'expected "," or "}", found "\\""' });
    expect(failure('[1, 2')).toMatchObject({ line: 1, column: 6, reason: 'the text ends too early' });
    expect(failure('{"a": "x\ny"}')).toMatchObject({ line: 1, column: 9, reason: 'a control character (such as a line break) inside a string' });
    expect(failure('{} {}')).toMatchObject({ line: 1, column: 4 });
    expect(failure("{'a': 1}")).toMatchObject({ line: 1, column: 2 });
    expect(failure('{"a": 01}')).toMatchObject({ line: 1, column: 8 });
    expect(failure('{"a": "\\x"}')).toMatchObject({ column: 8, reason: 'invalid escape sequence in a string' });
  });

  it('survives deep nesting', () => {
    expect(findJsonSyntaxError('['.repeat(100_000))).toMatchObject({ offset: 100_000 });
  });

  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  it('agrees with JSON.parse on what is valid, for any JSON value and any corruption of it', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('}', ']', ',', '"', ':', 'x', '\n', ' '), (json, at, ch) => {
        expect(findJsonSyntaxError(json)).toBeNull();
        const i = at % (json.length + 1);
        const broken = json.slice(0, i) + ch + json.slice(i);
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        const found = findJsonSyntaxError(broken);
        expect(found === null).toBe(valid);
        if (found !== null) expect(found.offset).toBeLessThanOrEqual(broken.length);
      }),
      { numRuns: 500 },
    );
  });
});
