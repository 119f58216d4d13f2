import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCase } from '../../electron/backend/services/cases';
import { DATABASE_FILE } from '../../electron/backend/vault/database';
import { HEADER_FILE } from '../../electron/backend/vault/keyslots';
import { fileSize, scanFolder } from '../helpers/scan';
import { openWithSqlcipherTool } from '../helpers/sqlcipher';
import { createTestVault, gamblingIntake, type TestVault } from '../helpers/vault';

let vault: TestVault;
afterEach(() => vault.cleanup());

/** A case whose narrative, indicator summary and subject name all carry the marker. */
function markedIntake(marker: string) {
  const intake = gamblingIntake(`Marker ${marker} in the narrative.`);
  intake.subject.realName = `Ted ${marker} Marlow`;
  const first = intake.indicators[0];
  if (first !== undefined) first.summary = `Gambling habit ${marker}`;
  return intake;
}

describe('case text at rest', () => {
  it('is found in no file of the vault folder: while open (WAL before checkpoint), after a checkpoint, and after close', async () => {
    vault = await createTestVault();
    const marker = `MRK${randomBytes(8).toString('hex')}`;
    const { db, user } = vault.session;
    for (let i = 0; i < 3; i++) createCase(db, user, markedIntake(marker), vault.now());

    // The scanner itself finds the marker where it is in plain text.
    writeFileSync(join(vault.dir, '..', 'control.txt'), `x${marker}x`);
    expect(scanFolder(join(vault.dir, '..'), marker).find((f) => f.name === 'control.txt')?.found).toBe(true);

    // Open, written, not yet checkpointed: the case lives in the WAL.
    const wal = join(vault.dir, `${DATABASE_FILE}-wal`);
    expect(fileSize(wal)).toBeGreaterThan(0);
    const open = scanFolder(vault.dir, marker);
    expect(open.map((f) => f.name).sort()).toEqual([DATABASE_FILE, `${DATABASE_FILE}-shm`, `${DATABASE_FILE}-wal`, HEADER_FILE].sort());
    expect(open.filter((f) => f.found)).toEqual([]);

    // Checkpointed: the pages are now in the main file.
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fileSize(wal)).toBe(0);
    expect(scanFolder(vault.dir, marker).filter((f) => f.found)).toEqual([]);

    vault.session.close();
    const closed = scanFolder(vault.dir, marker);
    expect(closed.map((f) => f.name).sort()).toEqual([DATABASE_FILE, HEADER_FILE].sort());
    expect(closed.filter((f) => f.found)).toEqual([]);

    // And yet it is there, for whoever holds the key: standard SQLCipher 4 tooling reads it.
    const tool = await openWithSqlcipherTool(join(vault.dir, DATABASE_FILE), vault.recoveryKey);
    try {
      const names = await tool.all<{ real_name: string }>('SELECT real_name FROM subjects');
      expect(names).toHaveLength(3);
      expect(names[0]?.real_name).toContain(marker);
    } finally {
      await tool.close();
    }
  });

  it('does not start with the plain SQLite header', async () => {
    vault = await createTestVault();
    vault.session.close();
    const head = readFileSync(join(vault.dir, DATABASE_FILE)).subarray(0, 16).toString('latin1');
    expect(head).not.toBe('SQLite format 3\0');
  });
});

describe('the recovery key', () => {
  it('opens the database with @journeyapps/sqlcipher and reads the marked case narrative', async () => {
    vault = await createTestVault();
    const marker = `MRK${randomBytes(8).toString('hex')}`;
    const { id } = createCase(vault.session.db, vault.session.user, markedIntake(marker), vault.now());
    vault.session.close();
    const tool = await openWithSqlcipherTool(join(vault.dir, DATABASE_FILE), vault.recoveryKey);
    try {
      expect(await tool.get<{ v: string }>('PRAGMA cipher_version')).toBeDefined();
      const row = await tool.get<{ narrative: string }>('SELECT narrative FROM reports WHERE case_id = ?', id);
      expect(row?.narrative).toContain(marker);
    } finally {
      await tool.close();
    }
  });

  it('and no other key: a wrong key is refused by the same tool', async () => {
    vault = await createTestVault();
    vault.session.close();
    const wrong = randomBytes(32).toString('hex');
    await expect(openWithSqlcipherTool(join(vault.dir, DATABASE_FILE), wrong)).rejects.toThrow(/not a database/);
  });
});
