import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../electron/backend/services/cases';
import { verifyAudit } from '../../electron/backend/vault/audit';
import { integrityProblems } from '../../electron/backend/vault/database';
import { LOCK_FILE, readHeader } from '../../electron/backend/vault/keyslots';
import { addUser, NEXT_DATABASE_FILE, unlockVault } from '../../electron/backend/vault/vault';
import { bundleForNode } from '../helpers/bundleNode';
import { createTestVault, gamblingIntake, TEST_PASSPHRASE } from '../helpers/vault';

const work = mkdtempSync(join(tmpdir(), 'offramp-rekey-crash-'));
const loop = join(work, 'rekeyLoop.cjs');
const ANALYST_PASSPHRASE = 'lantern quarry velvet mosaic';
const CASES = 300;

beforeAll(async () => {
  await bundleForNode(resolve(import.meta.dirname, '..', 'helpers', 'rekeyLoop.ts'), loop);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Starts the rekey loop, waits until it has unlocked, then kills it with SIGKILL
 * after `delayMs`, or (with `afterRekeys`) once it has reported that many rekeys.
 */
function rekeyAndKill(dir: string, passFile: string, delayMs: number, afterRekeys?: number): Promise<{ rekeys: number; ms: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [loop, dir, 'Dana Whitfield', passFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let armed = false;
    let readyAt = 0;
    let ms = 0;
    const rekeys = () => out.split('\n').filter((l) => l === 'rekeyed').length;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (!armed && out.includes('ready\n')) {
        armed = true;
        readyAt = performance.now();
        if (afterRekeys === undefined) setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
      if (afterRekeys !== undefined && rekeys() >= afterRekeys && !child.killed) {
        ms = performance.now() - readyAt;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the rekey loop stopped by itself (exit ${code}): ${stderr}`));
      else resolvePromise({ rekeys: rekeys(), ms });
    });
  });
}

describe('rekey under SIGKILL', () => {
  it('leaves, at every kill point, one vault that every user unlocks whole, and removes what an unfinished rekey left', async () => {
    const vault = await createTestVault();
    const options = { now: vault.now, kdf: 'fast-insecure-for-tests' as const };
    try {
      for (let i = 0; i < CASES; i++) createCase(vault.session.db, vault.session.user, gamblingIntake(`case ${i}`), vault.now());
      await addUser(vault.session, { name: 'Ana Lyst', role: 'analyst', passphrase: ANALYST_PASSPHRASE }, options);
      vault.session.close();
      const passFile = join(work, 'pass.txt');
      writeFileSync(passFile, `${TEST_PASSPHRASE}\n`);
      // How long one rekey of this vault takes on this machine; the kill points
      // are a fixed schedule of fractions of it, spread over the first three
      // rekeys of each run, so they fall into every step of a rekey.
      const calibration = await rekeyAndKill(vault.dir, passFile, 0, 3);
      const perRekey = calibration.ms / 3;
      const delays = Array.from({ length: 13 }, (_, i) => Math.round((i * perRekey) / 4));
      let rekeys = calibration.rekeys;
      const states = new Set<string>();
      let generation = readHeader(vault.dir).generation ?? 0;
      for (const delay of delays) {
        rekeys += (await rekeyAndKill(vault.dir, passFile, delay)).rekeys;
        const left = readHeader(vault.dir);
        states.add(left.database !== undefined ? 'committed, not switched' : existsSync(join(vault.dir, NEXT_DATABASE_FILE)) ? 'copy not committed' : 'between rekeys');
        for (const [user, passphrase] of [
          ['Ana Lyst', ANALYST_PASSPHRASE],
          ['Dana Whitfield', TEST_PASSPHRASE],
        ] as const) {
          const session = await unlockVault(vault.dir, user, passphrase, options);
          try {
            expect(integrityProblems(session.db)).toEqual([]);
            expect(verifyAudit(session.db)).toMatchObject({ ok: true, firstBroken: null });
            expect((session.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(CASES);
          } finally {
            session.close();
          }
        }
        // Whatever the kill interrupted was settled or removed by the unlock.
        const header = readHeader(vault.dir);
        expect(header.database).toBeUndefined();
        expect(readdirSync(vault.dir).filter((f) => f.startsWith(NEXT_DATABASE_FILE))).toEqual([]);
        expect(existsSync(join(vault.dir, LOCK_FILE))).toBe(false);
        expect(header.generation ?? 0).toBeGreaterThanOrEqual(generation);
        generation = header.generation ?? 0;
      }
      // Most of a rekey is the copy, so kill points fell inside rekeys too.
      expect(states.has('copy not committed') || states.has('committed, not switched')).toBe(true);
      // The schedule did reach into and past rekeys, not only the unlock before them.
      expect(generation).toBeGreaterThan(0);
      expect(rekeys).toBeGreaterThan(0);
      // Every rekey that finished (and some the kill caught after their commit point) is in the log.
      const session = await unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, options);
      try {
        const audited = (session.db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'vault.rekey'").get() as { n: number }).n;
        expect(audited).toBe(generation);
        expect(audited).toBeGreaterThanOrEqual(rekeys);
      } finally {
        session.close();
      }
    } finally {
      vault.cleanup();
    }
  }, 60_000);
});
