/**
 * Passphrase strength, judged the same way in the renderer (live feedback) and the
 * backend (enforcement). Deliberately simple and explainable: length first, then
 * the patterns that make long passphrases guessable.
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
  if (problems.length > 0) points = Math.min(points, 1);
  const score = Math.max(0, Math.min(4, points)) as PassphraseAssessment['score'];
  const ok = problems.length === 0 && score >= 2;
  if (problems.length === 0 && !ok) problems.push('It is too easy to guess: make it longer or mix in more words.');
  return { ok, score, problems, suggestions: ok && score >= 3 ? [] : suggestions };
}
