import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseRecordSchema } from '../../../shared/model/caseRecord';
import { createCase } from '../../../electron/backend/services/cases';
import { listAudit } from '../../../electron/backend/vault/audit';
import { openWithRecoveryKey, unlockVault } from '../../../electron/backend/vault/vault';
import { cliWorkspace, expectFailure, type CliWorkspace } from '../../helpers/cliVault';
import { gamblingIntake, TEST_PASSPHRASE } from '../../helpers/vault';

let ws: CliWorkspace;
beforeEach(() => {
  ws = cliWorkspace();
});
afterEach(() => ws.cleanup());

/** Opens cases in a CLI-made vault through the service, as the app would. */
async function seedCases(dir: string, markers: string[]): Promise<void> {
  const session = await unlockVault(dir, 'Dana Whitfield', TEST_PASSPHRASE, { now: () => new Date('2026-11-20T10:00:00Z') });
  try {
    for (const marker of markers) createCase(session.db, session.user, gamblingIntake(marker), new Date('2026-11-20T10:00:00Z'));
  } finally {
    session.close();
  }
}

function caseCount(dir: string, keyFile: string): number {
  const db = openWithRecoveryKey(dir, readFileSync(keyFile, 'utf8'));
  try {
    return (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('offramp case export and import', () => {
  it('round trip: export, import into a second vault, export again: identical lines', async () => {
    const a = await ws.init('a');
    await seedCases(a.dir, ['alpha casino', 'bravo lottery', 'charlie poker']);
    const first = await ws.run(['case', 'export', '--vault', a.dir, '--passphrase-file', ws.passFile]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) caseRecordSchema.parse(JSON.parse(line));
    expect(lines.map((l) => (JSON.parse(l) as { case: { number: string } }).case.number)).toEqual(['OR-2026-0001', 'OR-2026-0002', 'OR-2026-0003']);

    const b = await ws.init('b');
    ws.file('cases.jsonl', first.stdout);
    const imported = await ws.run(['case', 'import', '--vault', b.dir, '--passphrase-file', ws.passFile, 'cases.jsonl']);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe('Imported 3 cases.\n');
    const second = await ws.run(['case', 'export', '--vault', b.dir, '--passphrase-file', ws.passFile]);
    expect(second.stdout).toBe(first.stdout);

    // Standard input works too, and a second import of the same cases is refused whole.
    const again = await ws.run(['case', 'import', '--vault', b.dir, '--passphrase-file', ws.passFile, '--json', '-'], first.stdout);
    expectFailure(again, 2, 'standard input, line 1: case OR-2026-0001 already exists in this vault (its id or number); nothing was imported.');
    expect(caseCount(b.dir, b.keyFile)).toBe(3);

    const db = openWithRecoveryKey(b.dir, readFileSync(b.keyFile, 'utf8'));
    try {
      const actions = listAudit(db, { limit: 500 }).map((e) => e.action);
      expect(actions.filter((x) => x === 'case.import')).toHaveLength(3);
      expect(actions.filter((x) => x === 'case.export')).toHaveLength(3);
    } finally {
      db.close();
    }
  });

  it('exports one case by number or id, and says when there is none', async () => {
    const { dir } = await ws.init();
    await seedCases(dir, ['one', 'two']);
    const byNumber = await ws.run(['case', 'export', '--vault', dir, '--passphrase-file', ws.passFile, '--id', 'or-2026-0002']);
    expect(byNumber.code).toBe(0);
    const record = caseRecordSchema.parse(JSON.parse(byNumber.stdout));
    expect(record.case.number).toBe('OR-2026-0002');
    expect(record.reports[0]?.narrative).toContain('two');
    const byId = await ws.run(['case', 'export', '--vault', dir, '--passphrase-file', ws.passFile, '--id', record.case.id]);
    expect(byId.stdout).toBe(byNumber.stdout);
    expectFailure(await ws.run(['case', 'export', '--vault', dir, '--passphrase-file', ws.passFile, '--id', 'OR-1999-0001']), 2, 'There is no case with the id or number OR-1999-0001');
  });

  it('a malformed line imports nothing and names the line and the problem (exit 2)', async () => {
    const a = await ws.init('a');
    await seedCases(a.dir, ['one', 'two']);
    const [good, other] = (await ws.run(['case', 'export', '--vault', a.dir, '--passphrase-file', ws.passFile])).stdout.trimEnd().split('\n');
    const b = await ws.init('b');
    const cases: [string, string, string[]][] = [
      ['broken-json.jsonl', `${good}\n\n{"format": "offramp-case",\n`, ['broken-json.jsonl, line 3: not valid JSON']],
      ['not-a-case.jsonl', `${good}\n{"format":"offramp-case"}\n${other}\n`, ['not-a-case.jsonl, line 2: version:']],
      ['bad-date.jsonl', `${good}\n${(other ?? '').replace(/"receivedOn":"[^"]+"/, '"receivedOn":"2026-13-45"')}\n`, ['bad-date.jsonl, line 2: reports.0.receivedOn']],
      ['empty.jsonl', '\n\n', ['empty.jsonl: The file holds no cases.']],
    ];
    for (const [name, content, fragments] of cases) {
      ws.file(name, content);
      const run = await ws.run(['case', 'import', '--vault', b.dir, '--passphrase-file', ws.passFile, name]);
      expectFailure(run, 2, ...fragments);
      expect(run.stderr).toMatch(/nothing was imported\.\n$/i);
      expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(caseCount(b.dir, b.keyFile)).toBe(0);
    }
    expectFailure(await ws.run(['case', 'import', '--vault', b.dir, '--passphrase-file', ws.passFile, 'missing.jsonl']), 2, 'Cannot read missing.jsonl: no such file');
    expectFailure(await ws.run(['case', 'import', '--vault', b.dir, '--passphrase-file', ws.passFile]), 2, 'Missing the file of cases');
  });
});

describe('offramp case list', () => {
  it('lists every case without real names, searches with --query, and gives JSON', async () => {
    const { dir } = await ws.init();
    await seedCases(dir, ['roulette', 'blackjack', 'roulette again']);
    const all = await ws.run(['case', 'list', '--vault', dir, '--passphrase-file', ws.passFile]);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^number +subject +program +status +risk +stage +assigned +next review +title\n/);
    expect(all.stdout).toContain('OR-2026-0003');
    expect(all.stdout).toContain('3 cases.');
    expect(all.stdout).not.toContain('Ted Marlow');

    const found = await ws.run(['case', 'list', '--vault', dir, '--passphrase-file', ws.passFile, '--query', 'roulet', '--json']);
    const rows = JSON.parse(found.stdout) as { number: string; subjectDisplayId: string }[];
    expect(rows.map((r) => r.number).sort()).toEqual(['OR-2026-0001', 'OR-2026-0003']);
    expect(rows[0]?.subjectDisplayId).toMatch(/^S-[0-9A-Z]{5}$/);
    expect(found.stdout).not.toContain('Ted Marlow');

    expect((await ws.run(['case', 'list', '--vault', dir, '--passphrase-file', ws.passFile, '--query', 'espionage'])).stdout).toBe('No case matches the query.\n');
    expectFailure(await ws.run(['case', 'list', '--vault', dir, '--passphrase-file', ws.passFile, '--query', 'x'.repeat(201)]), 2, 'at most 200');
  });

  it('says when the vault holds no cases', async () => {
    const { dir } = await ws.init();
    const run = await ws.run(['case', 'list', '--vault', dir, '--passphrase-file', ws.passFile]);
    expect(run.stdout).toBe('The vault holds no cases.\n');
    expect(JSON.parse((await ws.run(['case', 'list', '--vault', dir, '--passphrase-file', ws.passFile, '--json'])).stdout)).toEqual([]);
  });
});

describe('help', () => {
  it.each([
    ['vault', 'check'],
    ['vault', 'passwd'],
    ['vault', 'add-user'],
    ['case', 'import'],
    ['case', 'export'],
    ['case', 'list'],
    ['audit', 'verify'],
  ])('offramp %s %s --help explains usage, options, exit codes, with an example', async (group, name) => {
    const run = await ws.run([group, name, '--help']);
    expect(run.code).toBe(0);
    for (const part of [`Usage: offramp ${group} ${name}`, '--vault DIR', '--passphrase-file FILE', 'Exit codes:', 'Example:']) expect(run.stdout).toContain(part);
  });

  it('the global help lists every command', async () => {
    const run = await ws.run(['--help']);
    for (const command of ['vault init', 'vault check', 'vault passwd', 'vault add-user', 'case import', 'case export', 'case list', 'audit verify']) expect(run.stdout).toContain(command);
  });
});
