import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestVault, TEST_PASSPHRASE, type TestVault } from '../helpers/vault';

const repo = resolve(import.meta.dirname, '..', '..');

/**
 * Every file argument of the `offramp` bin is a regular file within a size
 * limit, checked on the opened descriptor before anything is read; standard
 * input is read with a limit. Each refusal must come back promptly: the runs
 * have a timeout far below what reading the input would take, so a command that
 * reads /dev/zero or waits on a FIFO fails the test instead of hanging it.
 */
describe('bounded input (real processes)', () => {
  let root: string;
  let vault: TestVault;
  let pass: string;

  beforeAll(async () => {
    execFileSync(process.execPath, ['build/build.mjs', 'cli'], { cwd: repo });
    root = mkdtempSync(join(tmpdir(), 'offramp-bounded-'));
    vault = await createTestVault();
    vault.session.close();
    pass = join(root, 'pass.txt');
    writeFileSync(pass, `${TEST_PASSPHRASE}\n`);
  }, 120_000);

  afterAll(() => {
    vault.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  const offramp = (args: string[], stdin: 'empty' | 'zero' = 'empty'): SpawnSyncReturns<string> => {
    const zero = stdin === 'zero' ? openSync('/dev/zero', 'r') : null;
    try {
      return spawnSync(process.execPath, ['bin/offramp.cjs', ...args], {
        cwd: repo,
        encoding: 'utf8',
        timeout: 15_000,
        killSignal: 'SIGKILL',
        ...(zero === null ? { input: '' } : { stdio: [zero, 'pipe', 'pipe'] }),
      });
    } finally {
      if (zero !== null) closeSync(zero);
    }
  };

  const fifo = (name: string): string => {
    const path = join(root, name);
    execFileSync('mkfifo', [path]);
    return path;
  };

  const sparse = (name: string, bytes: number): string => {
    const path = join(root, name);
    writeFileSync(path, '');
    truncateSync(path, bytes);
    return path;
  };

  const refused = (run: SpawnSyncReturns<string>, names: string, because: RegExp) => {
    expect(run.signal, 'the command hung and was killed').toBeNull();
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(names);
    expect(run.stderr).toMatch(because);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  };

  it('evaluate refuses a device, a FIFO, a folder and an oversized sparse file, naming it', () => {
    refused(offramp(['evaluate', '/dev/zero']), '/dev/zero', /not a regular file/);
    const pipe = fifo('facts.fifo');
    refused(offramp(['evaluate', pipe]), pipe, /not a regular file/);
    const folder = join(root, 'a-folder');
    mkdirSync(folder);
    refused(offramp(['evaluate', folder]), folder, /is a folder/);
    const big = sparse('huge.json', 600 * 1024 * 1024);
    refused(offramp(['evaluate', big]), big, /larger than 8 MiB/);
  });

  it('case import refuses /dev/zero and a FIFO before unlocking anything', () => {
    refused(offramp(['case', 'import', '--vault', vault.dir, '--passphrase-file', pass, '/dev/zero']), '/dev/zero', /not a regular file/);
    const pipe = fifo('cases.fifo');
    refused(offramp(['case', 'import', '--vault', vault.dir, '--passphrase-file', pass, pipe]), pipe, /not a regular file/);
    const big = sparse('huge.jsonl', 300 * 1024 * 1024);
    refused(offramp(['case', 'import', '--vault', vault.dir, '--passphrase-file', pass, big]), big, /larger than 256 MiB/);
  });

  it('standard input from /dev/zero is read only up to the limit, then refused', () => {
    refused(offramp(['evaluate', '-'], 'zero'), 'Standard input', /larger than 8 MiB/);
  });

  it('a passphrase file must be a small regular file: FIFO, device, folder and 600 MiB sparse file refused', () => {
    const pipe = fifo('pass.fifo');
    refused(offramp(['case', 'list', '--vault', vault.dir, '--passphrase-file', pipe, '--json']), pipe, /not a regular file/);
    refused(offramp(['case', 'list', '--vault', vault.dir, '--passphrase-file', '/dev/zero', '--json']), '/dev/zero', /not a regular file/);
    refused(offramp(['case', 'list', '--vault', vault.dir, '--passphrase-file', root, '--json']), root, /is a folder/);
    const big = sparse('big-pass.txt', 600 * 1024 * 1024);
    refused(offramp(['case', 'list', '--vault', vault.dir, '--passphrase-file', big, '--json']), big, /larger than 4 KiB/);
  });

  it('a passphrase file with a UTF-8 byte order mark and CRLF line ending unlocks', () => {
    const bom = join(root, 'pass-bom.txt');
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${TEST_PASSPHRASE}\r\n`)]));
    const run = offramp(['case', 'list', '--vault', vault.dir, '--passphrase-file', bom, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const cr = join(root, 'pass-cr.txt');
    writeFileSync(cr, `${TEST_PASSPHRASE}\r`);
    expect(offramp(['case', 'list', '--vault', vault.dir, '--passphrase-file', cr, '--json']).status).toBe(0);
  });
});
