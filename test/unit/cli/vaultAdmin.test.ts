import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/backend/vault/audit';
import { DATABASE_FILE } from '../../../electron/backend/vault/database';
import { headerSchema, readHeader, writeHeader } from '../../../electron/backend/vault/keyslots';
import { LATEST_VERSION } from '../../../electron/backend/vault/migrations';
import { openWithRecoveryKey } from '../../../electron/backend/vault/vault';
import { ANALYST_PASSPHRASE, cliWorkspace, expectFailure, type CliWorkspace } from '../../helpers/cliVault';

let ws: CliWorkspace;
beforeEach(() => {
  ws = cliWorkspace();
});
afterEach(() => ws.cleanup());

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function auditActions(dir: string, keyFile: string): string[] {
  const db = openWithRecoveryKey(dir, readFileSync(keyFile, 'utf8'));
  try {
    return listAudit(db, { limit: 500 })
      .map((e) => e.action)
      .reverse();
  } finally {
    db.close();
  }
}

async function addAnalyst(dir: string): Promise<void> {
  ws.file('ana.txt', `${ANALYST_PASSPHRASE}\n`);
  const run = await ws.run(['vault', 'add-user', '--vault', dir, '--passphrase-file', ws.passFile, '--new-user', 'Ana Lyst', '--new-role', 'analyst', '--new-passphrase-file', 'ana.txt']);
  expect(run.stderr).not.toMatch(/offramp: (?!warning)/);
  expect(run.code).toBe(0);
}

describe('offramp vault check', () => {
  it('unlocks, checks the database, the audit chain and the keyslots, prints a summary, and is audited', async () => {
    const { dir, keyFile } = await ws.init();
    const run = await ws.run(['vault', 'check', '--vault', dir, '--passphrase-file', ws.passFile]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/database {3}ok/);
    expect(run.stdout).toMatch(/audit log {2}ok \(5 events checked\)/);
    expect(run.stdout).toMatch(/keyslots {3}ok \(1 user, 1 keyslot\)/);
    expect(auditActions(dir, keyFile)).toEqual(['vault.create', 'grants.signed', 'grants.established', 'vault.lock', 'vault.unlock', 'vault.check', 'vault.lock']);
  });

  it('opens with the recovery key alone, and gives JSON', async () => {
    const { dir, keyFile } = await ws.init();
    const run = await ws.run(['vault', 'check', '--vault', dir, '--recovery-key-file', keyFile, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, schemaVersion: LATEST_VERSION, database: { ok: true, problems: [] }, audit: { ok: true, events: 4, firstBroken: null }, keyslots: { ok: true } });
    const db = openWithRecoveryKey(dir, readFileSync(keyFile, 'utf8'));
    try {
      expect(listAudit(db, { limit: 1 })[0]).toMatchObject({ action: 'vault.check', actor: '(recovery key)' });
    } finally {
      db.close();
    }
    ws.file('wrong-key.txt', `${'ab'.repeat(32)}\n`);
    expectFailure(await ws.run(['vault', 'check', '--vault', dir, '--recovery-key-file', 'wrong-key.txt']), 3, 'does not open');
    expectFailure(await ws.run(['vault', 'check', '--vault', dir, '--recovery-key-file', keyFile, '--passphrase-file', ws.passFile]), 2, 'not both');
  });

  it('exits 4 naming what failed when a keyslot has no user', async () => {
    const { dir } = await ws.init();
    await addAnalyst(dir);
    const header = readHeader(dir);
    writeHeader(dir, { ...header, slots: header.slots.map((s) => (s.user === 'Ana Lyst' ? { ...s, user: 'Ghost User' } : s)) });
    const run = await ws.run(['vault', 'check', '--vault', dir, '--user', 'Dana Whitfield', '--passphrase-file', ws.passFile]);
    // The signed role grants refuse the unlock itself, naming the keyslot whose role no grant vouches for.
    expectFailure(run, 4, 'The role of Ghost User cannot be trusted', 'no signed grant');
  });

  it('exits 4 when a database page is damaged, with a passphrase or with the recovery key', async () => {
    const { dir, keyFile } = await ws.init();
    const dbPath = join(dir, DATABASE_FILE);
    // A page of the case table: not read when the vault opens (unlike the schema,
    // which may have grown onto the last page), read by the check; whatever it
    // holds, reading it through fails its authentication check.
    const db = openWithRecoveryKey(dir, readFileSync(keyFile, 'utf8'));
    const page = db.prepare("SELECT max(pageno) FROM dbstat WHERE name = 'cases'").pluck().get() as number;
    db.close();
    expect(page).toBeGreaterThan(1);
    const fd = openSync(dbPath, 'r+');
    try {
      writeSync(fd, Buffer.from('garbage!'), 0, 8, (page - 1) * 4096 + 100);
    } finally {
      closeSync(fd);
    }
    for (const secret of [['--passphrase-file', ws.passFile], ['--recovery-key-file', keyFile]]) {
      const run = await ws.run(['vault', 'check', '--vault', dir, ...secret]);
      expectFailure(run, 4);
      expect(run.stderr).toMatch(/damaged|integrity check found/);
    }
  });
});

describe('choosing the user', () => {
  it('uses the only user when --user is left out, and asks for --user once there are several', async () => {
    const { dir } = await ws.init();
    await addAnalyst(dir);
    expectFailure(await ws.run(['vault', 'check', '--vault', dir, '--passphrase-file', ws.passFile]), 2, 'This vault has 2 users', '--user NAME');
    expect((await ws.run(['vault', 'check', '--vault', dir, '--user', 'ana lyst', '--passphrase-file', 'ana.txt'])).code).toBe(0);
  });

  it('refuses an unknown user or a wrong passphrase with exit 3 and the same words; the database is untouched and the vault opens afterwards', async () => {
    const { dir, keyFile } = await ws.init();
    const before = sha256(join(dir, DATABASE_FILE));
    ws.file('wrong.txt', 'not the passphrase at all\n');
    const wrong = await ws.run(['vault', 'check', '--vault', dir, '--passphrase-file', 'wrong.txt']);
    expectFailure(wrong, 3);
    expect(wrong.stderr).toBe('offramp: Wrong user name or passphrase.\n');
    const unknown = await ws.run(['case', 'list', '--vault', dir, '--user', 'Nobody Here', '--passphrase-file', ws.passFile]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toBe('offramp: Wrong user name or passphrase.\n');
    expect(sha256(join(dir, DATABASE_FILE))).toBe(before);
    expect((await ws.run(['audit', 'verify', '--vault', dir, '--passphrase-file', ws.passFile])).code).toBe(0);
    // Only the attempt under an existing user's name is recorded.
    expect(auditActions(dir, keyFile).filter((a) => a === 'vault.unlock_failed')).toHaveLength(1);
  });

  it('says so when DIR holds no vault', async () => {
    expectFailure(await ws.run(['case', 'list', '--vault', 'missing', '--passphrase-file', ws.passFile]), 2, 'There is no vault at missing');
    expectFailure(await ws.run(['audit', 'verify', '--passphrase-file', ws.passFile]), 2, 'Missing --vault');
  });
});

describe('offramp vault passwd', () => {
  it('changes the passphrase: the old one stops working, the new one works, the recovery key is unchanged', async () => {
    const { dir, keyFile } = await ws.init();
    ws.file('new.txt', 'meadow cobalt lantern violin\n');
    const run = await ws.run(['vault', 'passwd', '--vault', dir, '--user', 'Dana Whitfield', '--passphrase-file', ws.passFile, '--new-passphrase-file', 'new.txt']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Changed the passphrase of Dana Whitfield.\n');
    expectFailure(await ws.run(['case', 'list', '--vault', dir, '--passphrase-file', ws.passFile]), 3, 'Wrong user name or passphrase.');
    expect((await ws.run(['case', 'list', '--vault', dir, '--passphrase-file', 'new.txt'])).code).toBe(0);
    expect(auditActions(dir, keyFile)).toContain('user.passphrase_changed');
  });

  it('refuses a weak or unchanged new passphrase before unlocking, and a wrong current one with exit 3', async () => {
    const { dir } = await ws.init();
    const header = readFileSync(join(dir, 'keyslots.json'), 'utf8');
    ws.file('weak.txt', 'aaaaaaaaaaaaaaaa\n');
    expectFailure(await ws.run(['vault', 'passwd', '--vault', dir, '--passphrase-file', ws.passFile, '--new-passphrase-file', 'weak.txt']), 2, 'too weak', 'repeated four or more times');
    expectFailure(await ws.run(['vault', 'passwd', '--vault', dir, '--passphrase-file', ws.passFile, '--new-passphrase-file', ws.passFile]), 2, 'the same as the current one');
    expect(readFileSync(join(dir, 'keyslots.json'), 'utf8')).toBe(header);
    ws.file('new.txt', 'meadow cobalt lantern violin\n');
    ws.file('wrong.txt', 'not the passphrase at all\n');
    expectFailure(await ws.run(['vault', 'passwd', '--vault', dir, '--passphrase-file', 'wrong.txt', '--new-passphrase-file', 'new.txt']), 3, 'Wrong user name or passphrase.');
    // Only the failed attempt is noted (for the audit log); the keyslot is as it was.
    expect(readHeader(dir).slots).toEqual(headerSchema.parse(JSON.parse(header)).slots);
    expect(readHeader(dir).failedUnlocks).toHaveLength(1);
  });
});

describe('offramp vault add-user', () => {
  it('adds a user who can then unlock with their own passphrase', async () => {
    const { dir, keyFile } = await ws.init();
    ws.file('ana.txt', `${ANALYST_PASSPHRASE}\n`);
    const run = await ws.run(['vault', 'add-user', '--vault', dir, '--passphrase-file', ws.passFile, '--new-user', 'Ana Lyst', '--new-role', 'analyst', '--new-passphrase-file', 'ana.txt', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ name: 'Ana Lyst', role: 'analyst' });
    expect((await ws.run(['case', 'list', '--vault', dir, '--user', 'Ana Lyst', '--passphrase-file', 'ana.txt'])).code).toBe(0);
    expect(auditActions(dir, keyFile)).toContain('user.add');
    expectFailure(await ws.run(['vault', 'add-user', '--vault', dir, '--user', 'Dana Whitfield', '--passphrase-file', ws.passFile, '--new-user', 'ANA LYST', '--new-role', 'legal', '--new-passphrase-file', 'ana.txt']), 2, 'already exists');
  });

  it('is refused to a user who is not a program manager, saying why, and changes nothing', async () => {
    const { dir } = await ws.init();
    await addAnalyst(dir);
    const header = readFileSync(join(dir, 'keyslots.json'), 'utf8');
    ws.file('eve.txt', 'harbor pepper granite tulip\n');
    const run = await ws.run(['vault', 'add-user', '--vault', dir, '--user', 'Ana Lyst', '--passphrase-file', 'ana.txt', '--new-user', 'Eve Extra', '--new-role', 'program_manager', '--new-passphrase-file', 'eve.txt']);
    expectFailure(run, 5, 'You may not add a user. Your role does not allow it. Only a program manager can.', 'Nothing was changed.');
    expect(readFileSync(join(dir, 'keyslots.json'), 'utf8')).toBe(header);
    expectFailure(await ws.run(['case', 'list', '--vault', dir, '--user', 'Eve Extra', '--passphrase-file', 'eve.txt']), 3);
  });

  it('refuses a bad new name, role or weak passphrase', async () => {
    const { dir } = await ws.init();
    ws.file('weak.txt', 'short\n');
    const base = ['vault', 'add-user', '--vault', dir, '--passphrase-file', ws.passFile];
    expectFailure(await ws.run([...base, '--new-user', 'X', '--new-role', 'analyst', '--new-passphrase-file', 'weak.txt']), 2, 'Invalid user name "X"');
    expectFailure(await ws.run([...base, '--new-user', 'Ana Lyst', '--new-role', 'spy', '--new-passphrase-file', 'weak.txt']), 2, 'Unknown role "spy"');
    expectFailure(await ws.run([...base, '--new-user', 'Ana Lyst', '--new-role', 'analyst', '--new-passphrase-file', 'weak.txt']), 2, 'too weak');
  });
});
