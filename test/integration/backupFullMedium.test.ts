import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../electron/backend/services/cases';
import { createTestVault, gamblingIntake, TEST_PASSPHRASE } from '../helpers/vault';

/**
 * A real full medium: a small tmpfs, mounted in a private user and mount
 * namespace (`unshare -rm`, which needs no root where user namespaces are
 * allowed, and leaves no mount behind), with the bundled code running inside.
 */
const repo = resolve(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'offramp-full-medium-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const common = {
  bundle: true,
  platform: 'node' as const,
  format: 'cjs' as const,
  target: 'node20',
  external: ['better-sqlite3-multiple-ciphers'],
  logLevel: 'warning' as const,
  define: { OFFRAMP_VERSION: '"0.1.0"', 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
};

beforeAll(async () => {
  await build({ ...common, entryPoints: [join(repo, 'electron/backend/cli/entry.ts')], outfile: join(work, 'offramp.cjs') });
  await build({ ...common, entryPoints: [join(repo, 'test/integration/helpers/fullMediumBackup.ts')], outfile: join(work, 'full.cjs') });
});

/** Runs a shell script in a new mount namespace with a tmpfs of `size` at `mountPoint`. */
function inSmallMedium(mountPoint: string, size: string, script: string): { status: number | null; stdout: string; stderr: string } {
  mkdirSync(mountPoint, { recursive: true });
  const result = spawnSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=${size} offramp-test "$1" && ${script}`, 'sh', mountPoint], {
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: join(repo, 'node_modules') },
    timeout: 60_000,
  });
  if (result.error !== undefined) throw result.error;
  if (/unshare: |mount: /.test(result.stderr)) throw new Error(`This test needs a private mount namespace (unshare -rm): ${result.stderr.trim()}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('a real full medium', () => {
  it('fails mid-copy with ENOSPC from the kernel, leaves nothing behind, records the failure', () => {
    const mountPoint = join(work, 'stick-1');
    const run = inSmallMedium(mountPoint, '128k', `"${process.execPath}" "${join(work, 'full.cjs')}" "$1"`);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout.trim()) as { ok: boolean; code: string; message: string; dbSize: number; left: string[]; staging: string[]; due: boolean; failures: number };
    expect(out.dbSize).toBeGreaterThan(2 * 128 * 1024);
    expect(out).toMatchObject({ ok: false, code: 'io', left: [], staging: [], due: true, failures: 1 });
    expect(out.message).toMatch(/failed: the medium is full\. No backup was left on the medium\./);
  });

  it('the CLI refuses a medium too small for the backup up front, exits 1 and writes nothing', async () => {
    const vault = await createTestVault();
    try {
      for (let i = 0; i < 40; i++) createCase(vault.session.db, vault.session.user, gamblingIntake(`case ${i} ${'words '.repeat(200)}`), vault.now());
      vault.session.close();
      const pass = join(work, 'pass.txt');
      writeFileSync(pass, `${TEST_PASSPHRASE}\n`);
      const mountPoint = join(work, 'stick-2');
      const run = inSmallMedium(
        mountPoint,
        '128k',
        `"${process.execPath}" "${join(work, 'offramp.cjs')}" vault backup --vault "${vault.dir}" --passphrase-file "${pass}" --to "$1"; echo "exit=$?"; ls -A "$1"`,
      );
      expect(run.stdout.trim()).toBe('exit=1');
      expect(run.stderr).toMatch(/^Taking a snapshot of the vault…\nofframp: The medium is full: the backup needs [\d.]+ MiB and .* has 0\.1 MiB free\. Nothing was written\.\n$/);
    } finally {
      vault.cleanup();
    }
  });
});
