import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/backend/vault/audit';
import { DATABASE_FILE, integrityProblems } from '../../electron/backend/vault/database';
import { unlockVault } from '../../electron/backend/vault/vault';
import { createTestVault, TEST_PASSPHRASE } from '../helpers/vault';

const work = mkdtempSync(join(tmpdir(), 'offramp-crash-'));
const writer = join(work, 'crashWriter.cjs');

beforeAll(async () => {
  // The native SQLCipher binding stays outside the bundle, loaded from this
  // repository's node_modules by its absolute path.
  const binding = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
  await build({
    entryPoints: [resolve(import.meta.dirname, '..', 'helpers', 'crashWriter.ts')],
    outfile: writer,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'native-binding',
        setup(b) {
          b.onResolve({ filter: /^better-sqlite3-multiple-ciphers$/ }, () => ({ path: binding, external: true }));
        },
      },
    ],
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the writer until it has reported `commits` cases, then kills it with SIGKILL. */
function runAndKill(dir: string, passFile: string, commits: number): Promise<{ reported: string[]; signal: NodeJS.Signals | null; walAtKill: number | null }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [writer, dir, 'Dana Whitfield', passFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let stderr = '';
    let walAtKill: number | null = null;
    const reported: string[] = [];
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      reported.push(...lines);
      if (reported.length >= commits && !child.killed) {
        child.kill('SIGKILL');
        const wal = join(dir, `${DATABASE_FILE}-wal`);
        walAtKill = existsSync(wal) ? statSync(wal).size : null;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    // 'close', not 'exit': only then has every line the child wrote been read.
    child.on('close', (code, signal) => {
      if (signal === null) reject(new Error(`the writer stopped by itself (exit ${code}): ${stderr}`));
      else resolvePromise({ reported, signal, walAtKill });
    });
  });
}

describe('crash safety', () => {
  it.each([7, 60])('a writer killed with SIGKILL after %i commits leaves a sound vault holding every case it reported', async (commits) => {
    const vault = await createTestVault();
    try {
      vault.session.close();
      const passFile = join(work, `pass-${commits}.txt`);
      writeFileSync(passFile, `${TEST_PASSPHRASE}\n`);
      const { reported, signal, walAtKill } = await runAndKill(vault.dir, passFile, commits);
      expect(signal).toBe('SIGKILL');
      expect(reported.length).toBeGreaterThanOrEqual(commits);
      // It died with its write-ahead log open: the next open has to recover from it.
      expect(walAtKill).toBeGreaterThan(0);

      const session = await unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, { now: vault.now });
      try {
        expect(integrityProblems(session.db)).toEqual([]);
        expect(verifyAudit(session.db)).toMatchObject({ ok: true, firstBroken: null });
        const numbers = (session.db.prepare('SELECT number FROM cases ORDER BY number').all() as { number: string }[]).map((r) => r.number);
        expect(numbers).toEqual(expect.arrayContaining(reported));
        // At most the one transaction in flight may have committed without being reported.
        expect(numbers.length - reported.length).toBeGreaterThanOrEqual(0);
        expect(numbers.length - reported.length).toBeLessThanOrEqual(1);
        // Each case is whole: its report and indicators went in with it, in one transaction.
        const partial = session.db
          .prepare('SELECT c.number FROM cases c WHERE (SELECT count(*) FROM reports r WHERE r.case_id = c.id) <> 1 OR (SELECT count(*) FROM indicators i WHERE i.case_id = c.id) <> 2')
          .all();
        expect(partial).toEqual([]);
        const created = session.db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'case.create'").get() as { n: number };
        expect(created.n).toBe(numbers.length);
      } finally {
        session.close();
      }
    } finally {
      vault.cleanup();
    }
  });
});
