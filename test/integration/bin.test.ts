import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

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
});
