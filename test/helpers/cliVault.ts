import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runOfframp, type CliRun } from './cli';
import { TEST_PASSPHRASE } from './vault';

/** New keyslots made by the CLI use the fast test KDF. */
export const FAST = { OFFRAMP_TEST_FAST_KDF: '1' };

export const ANALYST_PASSPHRASE = 'lantern quarry velvet mosaic';

/** A temp folder with passphrase files, where a CLI test creates its vaults. */
export interface CliWorkspace {
  root: string;
  /** Writes a secret (or any text) to a new file in the workspace; returns its path. */
  file(name: string, content: string): string;
  /** The passphrase file of the first user. */
  passFile: string;
  /** Runs offramp in the workspace with the fast KDF. */
  run(argv: string[], stdin?: string): Promise<CliRun>;
  /** `vault init` of a vault named `name` for Dana Whitfield (program manager); returns its folder and recovery key file. */
  init(name?: string, extra?: string[]): Promise<{ dir: string; keyFile: string }>;
  cleanup(): void;
}

export function cliWorkspace(): CliWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'offramp-cli-'));
  const file = (name: string, content: string) => {
    const path = join(root, name);
    writeFileSync(path, content);
    return path;
  };
  const passFile = file('pass.txt', `${TEST_PASSPHRASE}\n`);
  const run = (argv: string[], stdin?: string) => runOfframp(argv, { cwd: root, env: FAST, ...(stdin === undefined ? {} : { stdin }) });
  return {
    root,
    file,
    passFile,
    run,
    async init(name = 'vault', extra = []) {
      const dir = join(root, name);
      const keyFile = join(root, `${name}-recovery.txt`);
      const result = await run(['vault', 'init', '--vault', dir, '--user', 'Dana Whitfield', '--role', 'program_manager', '--passphrase-file', passFile, '--recovery-key-out', keyFile, ...extra]);
      expect(result.stderr).not.toMatch(/offramp: (?!warning)/);
      expect(result.code).toBe(0);
      return { dir, keyFile };
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A failed run: the exit code, one plain message on stderr, no stack trace. */
export function expectFailure(run: CliRun, code: number, ...fragments: string[]): void {
  expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code });
  expect(run.stderr).toMatch(/offramp: /);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  for (const fragment of fragments) expect(run.stderr).toContain(fragment);
}
