import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { caseRecordSchema } from '../../shared/model/caseRecord';
import { createCase, exportCases } from '../../electron/backend/services/cases';
import { verifyAudit } from '../../electron/backend/vault/audit';
import { integrityProblems, openDatabase } from '../../electron/backend/vault/database';
import { parseRecoveryKey } from '../../electron/backend/vault/vault';
import { backupTestVault, tempMedium } from '../helpers/backup';
import { createTestVault, gamblingIntake, type TestVault } from '../helpers/vault';

const repo = resolve(import.meta.dirname, '..', '..');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** Bundles the writer into a temp folder; the native SQLCipher module is loaded from the repository. */
async function bundleWriter(outDir: string): Promise<string> {
  const outfile = join(outDir, 'writer.cjs');
  await build({
    entryPoints: [join(repo, 'test/integration/helpers/concurrentWriter.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3-multiple-ciphers'],
    logLevel: 'warning',
  });
  return outfile;
}

describe('backup while another process writes', () => {
  it('gives a consistent, openable snapshot: every case with its audit event, the chain intact', async () => {
    const vault: TestVault = await createTestVault();
    cleanups.push(vault.cleanup);
    for (let i = 0; i < 5; i++) createCase(vault.session.db, vault.session.user, gamblingIntake(`before ${i}`), vault.now());
    const medium = tempMedium();
    cleanups.push(medium.cleanup);
    const script = await bundleWriter(medium.dir);

    const child = spawn(process.execPath, [script], { env: { ...process.env, NODE_PATH: join(repo, 'node_modules') }, stdio: ['pipe', 'pipe', 'pipe'] });
    cleanups.push(() => child.kill());
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const written = () => Math.max(0, ...stdout.split('\n').filter((l) => /^\d+$/.test(l)).map(Number));
    const progressed = (n: number) =>
      new Promise<void>((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error(`the writer did not get to ${n} cases: ${stderr}`)), 20_000);
        const check = () => {
          if (written() >= n) {
            clearTimeout(timer);
            resolvePromise();
          }
        };
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          check();
        });
      });
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    child.stdin.write(`${JSON.stringify({ dir: vault.dir, keyHex: parseRecoveryKey(vault.recoveryKey).toString('hex') })}\n`);
    await progressed(20);

    const beforeFirst = written();
    const first = await backupTestVault(vault, medium.dir);
    const atFirst = written();
    // The writer went on committing while the backup ran (snapshot, copy, verify).
    expect(atFirst).toBeGreaterThan(beforeFirst);
    await progressed(atFirst + 20);
    const second = await backupTestVault(vault, medium.dir);
    const atSecond = written();
    child.stdin.write('stop\n');
    expect(await exited).toBe(0);
    const final = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { done: number; retries: number };
    expect(final.done).toBeGreaterThanOrEqual(atSecond);

    // The writer kept writing between and during the backups.
    expect(second.cases).toBeGreaterThan(first.cases);
    for (const backup of [first, second]) {
      const db = openDatabase(join(backup.path, 'offramp.db'), parseRecoveryKey(vault.recoveryKey), { readonly: true });
      try {
        expect(integrityProblems(db)).toEqual([]);
        expect(verifyAudit(db).ok).toBe(true);
        const cases = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
        const created = (db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'case.create'").get() as { n: number }).n;
        const orphans = db.prepare("SELECT count(*) AS n FROM cases c WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.case_id = c.id AND a.action = 'case.create')").get() as { n: number };
        expect(cases).toBe(backup.cases);
        expect(created).toBe(cases);
        expect(orphans.n).toBe(0);
        expect(cases).toBeGreaterThanOrEqual(5 + 20);
        expect(cases).toBeLessThanOrEqual(5 + final.done);
        for (const record of exportCases(db)) caseRecordSchema.parse(record);
      } finally {
        db.close();
      }
    }
    const live = (vault.session.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    expect(live).toBe(5 + final.done);
    expect(verifyAudit(vault.session.db).ok).toBe(true);
  });
});
