import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase } from '../../electron/backend/services/cases';
import { unlockVault } from '../../electron/backend/vault/vault';
import { ANALYST_PASSPHRASE, cliWorkspace, expectFailure, type CliWorkspace } from '../helpers/cliVault';
import { gamblingIntake } from '../helpers/vault';

/**
 * The permission map, case teams, subject lookup and the audit log through the
 * `offramp` command line, on real encrypted vaults: exit 5 for a known,
 * unlocked user whose role or team does not allow the command; nothing changed;
 * the attempt in the audit log.
 */

let ws: CliWorkspace;
let dir: string;
let anaPass: string;
let anaCase: string;
let benCase: string;

const options = { now: () => new Date(), kdf: 'fast-insecure-for-tests' as const };
const as = (name: string) => ['--vault', dir, '--user', name, '--passphrase-file', name === 'Dana Whitfield' ? ws.passFile : anaPass];

async function openCase(name: string, realName: string, marker: string): Promise<string> {
  const session = await unlockVault(dir, name, ANALYST_PASSPHRASE, options);
  try {
    return createCase(session.db, session.user, { ...gamblingIntake(marker), subject: { ...gamblingIntake().subject, realName, employeeId: `E-${marker.length}99` } }, new Date()).id;
  } finally {
    session.close();
  }
}

beforeEach(async () => {
  ws = cliWorkspace();
  dir = (await ws.init()).dir;
  anaPass = ws.file('ana.txt', `${ANALYST_PASSPHRASE}\n`);
  for (const [name, role] of [
    ['Ana Ruiz', 'analyst'],
    ['Ben Cho', 'analyst'],
    ['Lee Okafor', 'legal'],
  ] as const) {
    const added = await ws.run(['vault', 'add-user', ...as('Dana Whitfield'), '--new-user', name, '--new-role', role, '--new-passphrase-file', anaPass]);
    expect(added.code).toBe(0);
  }
  anaCase = await openCase('Ana Ruiz', 'Ted Marlow', 'casino ledger');
  benCase = await openCase('Ben Cho', 'Mona Patel', 'payroll');
});
afterEach(() => ws.cleanup());

async function auditLog(): Promise<{ actor: string; action: string; caseId: string | null; text: string; detail: Record<string, unknown> }[]> {
  const run = await ws.run(['audit', 'log', ...as('Dana Whitfield'), '--json']);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as { actor: string; action: string; caseId: string | null; text: string; detail: Record<string, unknown> }[];
}

describe('offramp and the permission map (points 1 and 2)', () => {
  it('an analyst on no team of the case gets exit 5 for the program manager’s commands and another team’s case; nothing changes; each attempt is audited', async () => {
    const backups = join(ws.root, 'backups');
    const jsonl = ws.file('in.jsonl', '{}\n');
    const refused: [string[], string][] = [
      [['case', 'export', ...as('Ana Ruiz')], 'export cases'],
      [['case', 'import', ...as('Ana Ruiz'), jsonl], 'import cases'],
      [['vault', 'backup', ...as('Ana Ruiz'), '--to', backups], 'back up the vault'],
      [['vault', 'add-user', ...as('Ana Ruiz'), '--new-user', 'Eve Extra', '--new-role', 'analyst', '--new-passphrase-file', anaPass], 'add a user'],
      [['audit', 'log', ...as('Ana Ruiz')], 'read the audit log'],
      [['case', 'team', ...as('Ana Ruiz'), '--case', benCase, '--add', 'Ana Ruiz'], "change this case's team"],
      [['case', 'assign', ...as('Ana Ruiz'), '--case', benCase, '--to', 'Ana Ruiz'], "change this case's team"],
    ];
    for (const [argv, words] of refused) {
      const run = await ws.run(argv);
      expectFailure(run, 5, `You may not ${words}`, 'Nothing was changed');
      expect(run.stdout).toBe('');
    }
    expect(existsSync(backups) ? readdirSync(backups) : []).toEqual([]);

    const log = await auditLog();
    const denied = log.filter((e) => e.action === 'access.denied');
    expect(denied.map((e) => e.detail['operation']).reverse()).toEqual(['case.export', 'case.import', 'vault.backup', 'vault.addUser', 'audit.log', 'team.change', 'team.change']);
    expect(denied[0]?.text).toBe("was refused: may not change this case's team");
    expect(denied[0]?.caseId).toBe(benCase);
    expect(log.some((e) => e.action === 'user.add' && e.detail['user'] === 'Eve Extra')).toBe(false);
    expect(log.some((e) => e.action.startsWith('team.') && e.caseId === benCase)).toBe(false);
  });

  it('case list shows an analyst only their team’s cases; the program manager sees all; the lead changes the team and the change shows', async () => {
    const listed = async (name: string, extra: string[] = []) => {
      const run = await ws.run(['case', 'list', ...as(name), '--json', ...extra]);
      expect(run.code).toBe(0);
      return (JSON.parse(run.stdout) as { id: string }[]).map((r) => r.id).sort();
    };
    expect(await listed('Ana Ruiz')).toEqual([anaCase]);
    expect(await listed('Dana Whitfield')).toEqual([anaCase, benCase].sort());

    const added = await ws.run(['case', 'team', ...as('Ana Ruiz'), '--case', anaCase, '--add', 'Lee Okafor', '--role', 'legal', '--reason', 'Legal review of the plan']);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/lead: Ana Ruiz\n\s+legal\s+Lee Okafor/);
    expect(await listed('Lee Okafor')).toEqual([anaCase]);

    const assigned = await ws.run(['case', 'assign', ...as('Dana Whitfield'), '--case', anaCase, '--to', 'Ben Cho', '--json']);
    expect(assigned.code).toBe(0);
    expect(JSON.parse(assigned.stdout)).toMatchObject({ lead: { name: 'Ben Cho' }, changes: [{ change: 'assign', user: 'Ben Cho', reason: 'Changed on the command line; no reason given.' }, { change: 'add', user: 'Lee Okafor' }] });
    expect(await listed('Ben Cho')).toEqual([anaCase, benCase].sort());

    const removed = await ws.run(['case', 'team', ...as('Ben Cho'), '--case', anaCase, '--remove', 'Lee Okafor', '--reason', 'Review done']);
    expect(removed.code).toBe(0);
    expect(await listed('Lee Okafor')).toEqual([]);
  });

  it('bad input: exit 2 with the problem named and nothing changed', async () => {
    const before = await auditLog();
    const bad: [string[], string][] = [
      [['--add', 'Nobody Here'], 'no user named Nobody Here'],
      [['--add', 'Ben Cho', '--role', 'owner'], '--role owner is not a case role'],
      [['--add', 'Ben Cho', '--role', 'legal'], 'only a user with the legal role'],
      [['--remove', 'Lee Okafor'], 'Lee Okafor is not on this case'],
      [['--add', 'Ben Cho', '--remove', 'Ana Ruiz'], 'exactly one of --add NAME or --remove NAME'],
    ];
    for (const [extra, message] of bad) expectFailure(await ws.run(['case', 'team', ...as('Dana Whitfield'), '--case', anaCase, ...extra]), 2, message);
    expectFailure(await ws.run(['case', 'assign', ...as('Dana Whitfield'), '--case', 'OR-1999-0001', '--to', 'Ben Cho']), 2, 'no case with the id or number OR-1999-0001');
    const after = await auditLog();
    expect(after.filter((e) => e.action.startsWith('team.'))).toEqual(before.filter((e) => e.action.startsWith('team.')));
  });
});

describe('offramp subject find and audit log (points 3 and 4)', () => {
  it('case list --query never matches a real name; subject find reads the name from a file, finds only visible cases, and the log shows who looked, not what', async () => {
    const q = await ws.run(['case', 'list', ...as('Dana Whitfield'), '--query', 'Marlow', '--json']);
    expect(JSON.parse(q.stdout)).toEqual([]);

    const who = ws.file('who.txt', 'marlow, ted\n');
    const found = await ws.run(['subject', 'find', ...as('Ana Ruiz'), '--name-file', who, '--json']);
    expect(found.code).toBe(0);
    expect(JSON.parse(found.stdout)).toEqual({ matches: [expect.objectContaining({ caseId: anaCase, matchedOn: 'name' })] });
    const other = ws.file('other.txt', 'Mona Patel\n');
    expect((await ws.run(['subject', 'find', ...as('Ana Ruiz'), '--name-file', other])).stdout).toBe('No case you may see concerns that person.\n');
    expectFailure(await ws.run(['subject', 'find', ...as('Ana Ruiz')]), 2, 'Missing --name-file');

    const words = await ws.run(['audit', 'log', ...as('Dana Whitfield'), '--case', anaCase]);
    expect(words.code).toBe(0);
    expect(words.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC {2}Ana Ruiz opened the case — case OR-\d{4}-\d{4}$/m);
    const log = await auditLog();
    const finds = log.filter((e) => e.action === 'subject.find');
    expect(finds.map((e) => [e.actor, e.detail['found'], e.text])).toEqual([
      ['Ana Ruiz', 0, 'looked a subject up by name or employee id (0 found)'],
      ['Ana Ruiz', 1, 'looked a subject up by name or employee id (1 found)'],
    ]);
    expect(JSON.stringify(log)).not.toMatch(/Marlow|Mona|Patel/);
    // Newest first.
    const seqs = (JSON.parse((await ws.run(['audit', 'log', ...as('Dana Whitfield'), '--json'])).stdout) as { seq: number }[]).map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });
});
