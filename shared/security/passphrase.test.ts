import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessPassphrase } from './passphrase';

describe('assessPassphrase', () => {
  it.each([
    ['', 'at least 12'],
    ['short1!', 'at least 12'],
    ['password1234', 'commonly used'],
    ['aaaaaaaaaaaaaaaa', 'repeated four or more'],
    ['abababababababab', 'too few different'],
  ])('refuses %j and says why', (passphrase, reason) => {
    const result = assessPassphrase(passphrase);
    expect(result.ok).toBe(false);
    expect(result.problems.join(' ')).toContain(reason);
  });

  it('refuses a passphrase built on the user name', () => {
    const result = assessPassphrase('whitfield-rocks-2026!', { userName: 'Dana Whitfield' });
    expect(result.ok).toBe(false);
    expect(result.problems).toContain('It contains your user name.');
  });

  it('accepts several unrelated words', () => {
    const result = assessPassphrase('correct horse battery staple orbit');
    expect(result).toMatchObject({ ok: true, problems: [] });
    expect(result.score).toBeGreaterThanOrEqual(3);
  });

  it('never accepts anything shorter than 12 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 11 }), (s) => {
        expect(assessPassphrase(s).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('always explains a refusal', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = assessPassphrase(s);
        if (!r.ok) expect(r.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('assessPassphrase: the guess-count estimator (zxcvbn-ts, English dictionaries)', () => {
  it.each(['Summer2026!!!', 'January2026!!', '1q2w3e4r5t6y!'])('refuses %j with feedback that explains why', (passphrase) => {
    const result = assessPassphrase(passphrase);
    expect(result.ok).toBe(false);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.join(' ')).toMatch(/guess|common|pattern|year|keyboard/i);
    expect(result.suggestions.length).toBeGreaterThan(0);
  });

  it.each(['lantern quiet orchid fabric tundra', 'maple-harbor-cinder-velvet-oath'])('accepts the diceware-style %j', (passphrase) => {
    expect(assessPassphrase(passphrase)).toMatchObject({ ok: true, problems: [] });
  });
});
