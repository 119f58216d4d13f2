import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateOutputSchema } from '../../../shared/domain/evaluate/schema';
import { runOfframp, type CliRun } from '../../helpers/cli';
import { evaluateFixtureDir, evaluateFixtureNames, evaluateFixturePath } from '../../helpers/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'offramp-evaluate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A usage error: exit 2, one plain message on stderr, nothing on stdout, no stack trace. */
function expectUsageError(run: CliRun, ...fragments: string[]): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^offramp: /);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  for (const fragment of fragments) expect(run.stderr).toContain(fragment);
}

describe('offramp evaluate', () => {
  it('evaluates a fixture file and prints one pretty-printed JSON document', async () => {
    const run = await runOfframp(['evaluate', evaluateFixturePath('toebbe-dod.json')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\{\n {2}"obligations": \[/);
    expect(run.stdout.endsWith('}\n')).toBe(true);
    const out = evaluateOutputSchema.parse(JSON.parse(run.stdout));
    expect(out.obligations.map((o) => o.recipient)).toEqual(['fbi', 'ditmac', 'mildep_ci', 'law_enforcement', 'internal']);
    expect(out.warnings[0]?.code).toBe('reporting_due');
  });

  it('resolves a relative path against the working directory', async () => {
    const run = await runOfframp(['evaluate', 'gambling-debt.json'], { cwd: evaluateFixtureDir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ pathway: { stages: ['predisposition', 'stressor', 'concerning_behavior'] } });
  });

  it('reads standard input for "-", with the same result as the file', async () => {
    for (const name of evaluateFixtureNames) {
      const fromFile = await runOfframp(['evaluate', evaluateFixturePath(name)]);
      const fromStdin = await runOfframp(['evaluate', '-'], { stdin: readFileSync(evaluateFixturePath(name), 'utf8') });
      expect(fromStdin.code, name).toBe(0);
      expect(fromStdin.stdout, name).toBe(fromFile.stdout);
    }
  });

  it('accepts --json and a UTF-8 byte order mark', async () => {
    const path = file('bom.json', `\uFEFF${JSON.stringify({ program: 'federal' })}`);
    const run = await runOfframp(['evaluate', '--json', path]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ obligations: [{ recipient: 'internal' }] });
  });

  describe('bad input: exit 2 and a precise message', () => {
    it('malformed JSON names the line and column', async () => {
      const path = file('broken.json', '{\n  "program": "dod",\n  "facts": { "espionage": true, }\n}\n');
      expectUsageError(await runOfframp(['evaluate', path]), 'is not valid JSON', 'expected a property name in double quotes, found "}" at line 3, column 33.');
      expectUsageError(await runOfframp(['evaluate', '-'], { stdin: '{"program": "dod"' }), 'standard input is not valid JSON', 'line 1, column 18');
    });

    it('an empty file or empty standard input', async () => {
      expectUsageError(await runOfframp(['evaluate', file('empty.json', '\n')]), 'is empty');
      expectUsageError(await runOfframp(['evaluate', '-'], { stdin: '' }), 'standard input is empty');
    });

    it('an unknown program', async () => {
      expectUsageError(await runOfframp(['evaluate', '-'], { stdin: '{"program":"army"}' }), 'Unknown program "army"', 'Allowed programs: dod, federal, industry.');
    });

    it('an unknown fact id', async () => {
      expectUsageError(
        await runOfframp(['evaluate', '-'], { stdin: '{"program":"dod","facts":{"spying":true}}' }),
        'Unknown fact id "spying"',
        'Allowed fact ids: classified_disclosure,',
      );
    });

    it('an unknown category or stage', async () => {
      const stdin = JSON.stringify({ program: 'dod', indicators: [{ category: 'gambling', stage: 'stressor' }, { category: 'financial', stage: 'attack' }] });
      expectUsageError(await runOfframp(['evaluate', '-'], { stdin }), 'Unknown category "gambling" in indicators[0].category', 'Unknown stage "attack" in indicators[1].stage', 'Allowed stages:');
    });

    it('an unknown option id', async () => {
      expectUsageError(
        await runOfframp(['evaluate', '-'], { stdin: '{"program":"dod","plan":["fire_him"]}' }),
        'Unknown option id "fire_him" in plan[0]',
        'Allowed option ids: no_action,',
      );
    });

    it('a value of the wrong kind or an unknown field', async () => {
      expectUsageError(await runOfframp(['evaluate', '-'], { stdin: '{"program":"dod","facts":{"espionage":"yes"}}' }), 'must be true or false');
      expectUsageError(await runOfframp(['evaluate', '-'], { stdin: '{"program":"dod","notes":"x"}' }), 'Unknown field "notes"');
      expectUsageError(await runOfframp(['evaluate', '-'], { stdin: '[]' }), 'must be a JSON object');
    });

    it('a missing file, a folder, a non-UTF-8 file, a file too large', async () => {
      expectUsageError(await runOfframp(['evaluate', join(dir, 'nope.json')]), 'no such file');
      expectUsageError(await runOfframp(['evaluate', dir]), 'is a folder');
      expectUsageError(await runOfframp(['evaluate', file('latin1.json', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]))]), 'is not UTF-8 text');
      const big = file('big.json', '');
      truncateSync(big, 9 * 1024 * 1024);
      expectUsageError(await runOfframp(['evaluate', big]), 'larger than 8 MiB');
    });

    it('no file argument, or two', async () => {
      expectUsageError(await runOfframp(['evaluate']), 'Missing the input file');
      expectUsageError(await runOfframp(['evaluate', 'a.json', 'b.json']), 'Unexpected argument "b.json"');
      expectUsageError(await runOfframp(['evaluate', '--strange', 'a.json']), "Unknown option '--strange'");
    });
  });

  it('prints its help with the input shape', async () => {
    const run = await runOfframp(['evaluate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('offramp evaluate -');
    expect(run.stdout).toContain('"program": "dod" | "federal" | "industry"');
  });
});
