import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ageKeys, openPacketCase, scratch } from '../helpers/packets';
import { createTestVault, TEST_PASSPHRASE } from '../helpers/vault';

const repo = resolve(import.meta.dirname, '..', '..');

// The `offramp` bin as users run it: the bundled CLI in a plain Node process.
describe('offramp bin', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['build/build.mjs', 'cli'], { cwd: repo });
  });

  const offramp = (...args: string[]) => spawnSync(process.execPath, ['bin/offramp.cjs', ...args], { cwd: repo, encoding: 'utf8', input: '' });

  it('prints its help and exits 0', () => {
    const result = offramp('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: offramp <command>');
    expect(result.stdout).toContain('Exit codes');
  });

  it('exits 2 with a plain message on an unknown command, without a stack trace', () => {
    const result = offramp('frobnicate');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('offramp: unknown command "frobnicate". Run "offramp --help" for the list.\n');
  });

  it('writes and verifies a referral packet from the bundle (age and SQLCipher inside it work)', async () => {
    const vault = await createTestVault();
    const tmp = scratch('offramp-bin-');
    try {
      const { number } = await openPacketCase(vault);
      vault.session.close();
      const keys = await ageKeys(tmp.root);
      const pass = join(tmp.root, 'pass.txt');
      writeFileSync(pass, `${TEST_PASSPHRASE}\n`);
      const exported = offramp('packet', 'export', '--vault', vault.dir, '--passphrase-file', pass, '--case', number, '--to', tmp.medium, '--recipient', keys.recipient, '--json');
      expect(exported.status, exported.stderr).toBe(0);
      const { path } = JSON.parse(exported.stdout) as { path: string };
      const verified = offramp('packet', 'verify', path, '--identity', keys.keyFile);
      expect(verified.status, verified.stderr).toBe(0);
      expect(verified.stdout).toContain('verified');
    } finally {
      vault.cleanup();
      tmp.cleanup();
    }
  });
});
