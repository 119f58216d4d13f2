import { closeSync, existsSync, fsyncSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { CliError, exitCodes } from './exitCodes';
import type { CliIo } from './types';

/**
 * A new recovery key file, claimed before the keys change (created exclusively,
 * mode 0600, outside the vault folder), so that a key is never issued that
 * could not be written. `write` fills it; `abandon` removes it again.
 */
export interface RecoveryKeyFile {
  path: string;
  write(recoveryKey: string): void;
  abandon(): void;
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function claimRecoveryKeyFile(given: string, io: CliIo, vaultDir: string): RecoveryKeyFile {
  const path = resolve(io.cwd, given);
  const usage = (message: string) => new CliError(exitCodes.usage, message);
  if (isInside(vaultDir, path)) throw usage('The recovery key must not be kept in the vault folder: whoever copies the folder would have the key. Choose a file elsewhere. Nothing was changed.');
  if (existsSync(path)) throw usage(`${given} already exists; the recovery key is never written over a file. Choose a new file name. Nothing was changed.`);
  if (!existsSync(dirname(path)) || !statSync(dirname(path)).isDirectory()) throw usage(`The folder of ${given} does not exist. Nothing was changed.`);
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'EEXIST') throw usage(`${given} already exists; the recovery key is never written over a file. Nothing was changed.`);
    throw new CliError(exitCodes.failed, `Cannot create ${given} (${code}). Nothing was changed.`);
  }
  let open = true;
  return {
    path,
    write(recoveryKey) {
      try {
        writeSync(fd, `${recoveryKey}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
        open = false;
      }
    },
    abandon() {
      if (open) closeSync(fd);
      open = false;
      unlinkSync(path);
    },
  };
}
