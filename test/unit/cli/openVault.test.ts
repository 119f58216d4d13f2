import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/backend/vault/audit';
import { DATABASE_FILE } from '../../../electron/backend/vault/database';
import { openWithRecoveryKey } from '../../../electron/backend/vault/vault';
import { ANALYST_PASSPHRASE, cliWorkspace, expectFailure, type CliWorkspace } from '../../helpers/cliVault';

/**
 * Every command that unlocks a vault goes through cli/openVault.ts, so each
 * failure ends the same way whatever the command: no vault at DIR → 2, a wrong
 * passphrase or an unknown user → 3 in the same words, a damaged database → 4,
 * an operation the permission map refuses → 5 in the map's words, recorded.
 */

let ws: CliWorkspace;
let dir: string;
let keyFile: string;

// Commands that unlock, with the extra options each needs to get that far.
const readers: [string, string[]][] = [
  ['case list', ['case', 'list']],
  ['case export', ['case', 'export']],
  ['audit log', ['audit', 'log']],
  ['audit verify', ['audit', 'verify']],
  ['vault check', ['vault', 'check']],
];
const managerOnly: [string, string[], string][] = [
  ['audit log', ['audit', 'log'], 'read the audit log'],
  ['case export', ['case', 'export'], 'export cases'],
  ['vault backup', ['vault', 'backup', '--to', 'backup-here'], 'back up the vault'],
  ['vault rekey', ['vault', 'rekey', '--recovery-key-out', 'rekey-key.txt'], "change the vault's key"],
  ['vault remove-user', ['vault', 'remove-user', '--remove', 'Dana Whitfield'], 'remove a user'],
  ['vault add-user', ['vault', 'add-user', '--new-user', 'Eve Extra', '--new-role', 'analyst', '--new-passphrase-file', 'ana.txt'], 'add a user'],
];

function auditOf(): { action: string; actor: string; detail: Record<string, unknown> }[] {
  const db = openWithRecoveryKey(dir, readFileSync(keyFile, 'utf8'));
  try {
    return listAudit(db, { limit: 1000 });
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  ws = cliWorkspace();
  ({ dir, keyFile } = await ws.init());
  ws.file('ana.txt', `${ANALYST_PASSPHRASE}\n`);
  ws.file('wrong.txt', 'not the passphrase at all\n');
  const added = await ws.run(['vault', 'add-user', '--vault', dir, '--user', 'Dana Whitfield', '--passphrase-file', ws.passFile, '--new-user', 'Ana Lyst', '--new-role', 'analyst', '--new-passphrase-file', 'ana.txt']);
  expect(added.code).toBe(0);
});
afterAll(() => ws.cleanup());

describe('the one CLI helper that opens a vault', () => {
  it.each(readers)('%s: no vault at DIR is exit 2 naming the folder', async (_name, argv) => {
    expectFailure(await ws.run([...argv, '--vault', 'nowhere', '--passphrase-file', ws.passFile]), 2, 'There is no vault at nowhere');
  });

  it.each(readers)('%s: a wrong passphrase and an unknown user are both exit 3, in the same words', async (_name, argv) => {
    const wrong = await ws.run([...argv, '--vault', dir, '--user', 'Dana Whitfield', '--passphrase-file', 'wrong.txt']);
    const unknown = await ws.run([...argv, '--vault', dir, '--user', 'Nobody Here', '--passphrase-file', ws.passFile]);
    for (const run of [wrong, unknown]) {
      expectFailure(run, 3);
      expect(run.stderr).toBe('offramp: Wrong user name or passphrase.\n');
    }
  });

  it.each(managerOnly)('%s: refused to an analyst with exit 5 in the permission map’s words, and recorded', async (_name, argv, words) => {
    const before = auditOf().filter((e) => e.action === 'access.denied').length;
    const run = await ws.run([...argv, '--vault', dir, '--user', 'Ana Lyst', '--passphrase-file', 'ana.txt']);
    expectFailure(run, 5, `You may not ${words}. Your role does not allow it. Only a program manager can. Nothing was changed.`);
    const denied = auditOf().filter((e) => e.action === 'access.denied');
    expect(denied).toHaveLength(before + 1);
    expect(denied[0]).toMatchObject({ actor: 'Ana Lyst', detail: { relation: 'none' } });
  });
});

describe('a damaged database', () => {
  it('is exit 4 for every command that reads it, with the damage named', async () => {
    // A separate vault: the damage must not touch the cases above.
    const damaged = await ws.init('damaged');
    const db = openWithRecoveryKey(damaged.dir, readFileSync(damaged.keyFile, 'utf8'));
    const page = db.prepare("SELECT max(pageno) FROM dbstat WHERE name = 'audit_events'").pluck().get() as number;
    db.close();
    expect(page).toBeGreaterThan(1);
    const fd = openSync(join(damaged.dir, DATABASE_FILE), 'r+');
    try {
      writeSync(fd, Buffer.from('garbage!'), 0, 8, (page - 1) * 4096 + 100);
    } finally {
      closeSync(fd);
    }
    for (const argv of [['case', 'list'], ['audit', 'verify', '--full'], ['vault', 'check']]) {
      const run = await ws.run([...argv, '--vault', damaged.dir, '--passphrase-file', ws.passFile]);
      expectFailure(run, 4);
      expect(run.stderr).toMatch(/damaged|integrity check found/);
    }
  });
});
