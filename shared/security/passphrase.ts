import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations as englishTranslations } from '@zxcvbn-ts/language-en';

/**
 * Passphrase strength, judged the same way in the renderer (live feedback) and the
 * backend (enforcement, for the app and the CLI). Two layers:
 *
 * - plain rules that explain themselves (length, repeats, the user's name, a
 *   short list of notorious passwords);
 * - a real guess-count estimator, zxcvbn-ts with its common and English
 *   dictionaries (passwords, names, words, Wikipedia terms, keyboard patterns,
 *   dates and years), bundled and offline. A vault passphrase guards a
 *   database anyone can copy, so it must stand up to an offline attack: at least
 *   10^12 estimated guesses. "Summer2026!!!" (a season, a year and repeats)
 *   is about 10^8.
 *
 * The dictionaries are a few megabytes: the renderer loads this module lazily
 * (a separate chunk, see renderer/src/components/PassphraseFields.tsx); the
 * backend bundles it directly.
 */
export interface PassphraseAssessment {
  ok: boolean;
  /** 0 (very weak) to 4 (very strong). */
  score: 0 | 1 | 2 | 3 | 4;
  /** Why it is refused; empty when ok. */
  problems: string[];
  /** How to make it stronger. */
  suggestions: string[];
}

export const MIN_PASSPHRASE_LENGTH = 12;

/** Estimated guesses (log10) a passphrase must need: well beyond an offline attack on one guess a millisecond. */
export const MIN_GUESSES_LOG10 = 12;

let estimator: ZxcvbnFactory | null = null;

function estimate(passphrase: string, userInputs: string[]): ZxcvbnResult {
  estimator ??= new ZxcvbnFactory({
    translations: englishTranslations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
  });
  return estimator.check(passphrase, userInputs);
}

/** Words for the patterns the estimator found, when it gives no warning of its own. */
function patternWarning(result: ZxcvbnResult): string {
  const patterns = new Set(result.sequence.map((m) => m.pattern));
  const parts: string[] = [];
  if (patterns.has('dictionary')) parts.push('common words or names');
  if (patterns.has('date') || result.sequence.some((m) => m.pattern === 'regex' && m.regexName === 'recentYear')) parts.push('years or dates');
  if (patterns.has('spatial')) parts.push('keyboard patterns');
  if (patterns.has('repeat') || patterns.has('sequence')) parts.push('repeated or sequential characters');
  return parts.length === 0
    ? 'It is too easy to guess: password-guessing tools would find it quickly.'
    : `It is built from ${parts.join(', ')}, which password-guessing tools try first.`;
}

const common = [
  'password',
  'passw0rd',
  'letmein',
  'welcome',
  'qwerty',
  'azerty',
  'abc123',
  'iloveyou',
  'admin',
  'changeme',
  'secret',
  'offramp',
  'insider',
  'dragon',
  'monkey',
  'football',
  'baseball',
  'trustno1',
];

const sequences = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function longestRun(text: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = i > 0 && text[i] === text[i - 1] ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best;
}

function sequentialChars(text: string): number {
  const lower = text.toLowerCase();
  let count = 0;
  for (const seq of sequences) {
    for (let i = 0; i + 4 <= seq.length; i++) {
      const piece = seq.slice(i, i + 4);
      if (lower.includes(piece) || lower.includes([...piece].reverse().join(''))) count += 1;
    }
  }
  return count;
}

export function assessPassphrase(passphrase: string, context: { userName?: string } = {}): PassphraseAssessment {
  const problems: string[] = [];
  const suggestions: string[] = [];
  const text = passphrase.normalize('NFC');
  const length = [...text].length;
  const lower = text.toLowerCase();
  const distinct = new Set(lower).size;
  const words = lower.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);

  if (length < MIN_PASSPHRASE_LENGTH) {
    problems.push(`Use at least ${MIN_PASSPHRASE_LENGTH} characters (this has ${length}).`);
  }
  if (length > 0 && distinct < Math.min(6, Math.ceil(length / 3))) {
    problems.push('It repeats too few different characters.');
  }
  if (length > 0 && longestRun(lower) >= 4) {
    problems.push('It has a character repeated four or more times in a row.');
  }
  const name = context.userName?.trim().toLowerCase() ?? '';
  if (name.length >= 3 && (lower.includes(name) || name.split(/\s+/).some((part) => part.length >= 3 && lower.includes(part)))) {
    problems.push('It contains your user name.');
  }
  const stripped = lower.replace(/[^a-z0-9]/g, '').replace(/[0-9]+$/, '');
  const commonHit = common.find((c) => stripped === c || (stripped.startsWith(c) && stripped.length - c.length < 6));
  if (commonHit !== undefined) problems.push('It is, or is built on, a commonly used password.');

  // A rough strength score: length, variety of character classes, word count.
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(text)).length;
  let points = 0;
  if (length >= MIN_PASSPHRASE_LENGTH) points += 1;
  if (length >= 16) points += 1;
  if (length >= 24) points += 1;
  if (classes >= 3 || words.length >= 4) points += 1;
  if (sequentialChars(text) > 0) {
    points -= 1;
    suggestions.push('Avoid keyboard or alphabet sequences such as "abcd" or "1234".');
  }
  if (length < 16) suggestions.push('A few unrelated words are long, strong and easy to remember.');
  // The estimator: only for passphrases the rules let through (it is the slower
  // part, and its input is capped so a pasted book cannot stall the screen).
  if (problems.length === 0 && length > 0) {
    const userInputs = name.length === 0 ? [] : [name, ...name.split(/\s+/)];
    const result = estimate(text.slice(0, 256), userInputs);
    if (result.guessesLog10 < MIN_GUESSES_LOG10) {
      problems.push(result.feedback.warning ?? patternWarning(result));
      for (const suggestion of result.feedback.suggestions) if (!suggestions.includes(suggestion)) suggestions.push(suggestion);
      if (!suggestions.some((s) => s.startsWith('A few unrelated words'))) suggestions.push('A few unrelated words are long, strong and easy to remember.');
    }
  }
  if (problems.length > 0) points = Math.min(points, 1);
  const score = Math.max(0, Math.min(4, points)) as PassphraseAssessment['score'];
  const ok = problems.length === 0 && score >= 2;
  if (problems.length === 0 && !ok) problems.push('It is too easy to guess: make it longer or mix in more words.');
  return { ok, score, problems, suggestions: ok && score >= 3 ? [] : suggestions };
}
