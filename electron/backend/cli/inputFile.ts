import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, exitCodes } from './exitCodes';
import type { CliIo } from './types';

/** Input files are case facts, not bulk data: anything larger is a mistake. */
export const maxInputBytes = 8 * 1024 * 1024;

/** Errors that mean the argument names no readable file (the user's to fix), not a failing disk. */
const usageErrors: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links',
  ENXIO: 'it is not a regular file',
};

/** How large an input may be, and what it was expected to hold (for the message). */
export interface InputLimit {
  readonly maxBytes: number;
  readonly expected: string;
}

const factsLimit: InputLimit = { maxBytes: maxInputBytes, expected: "one case's facts" };

export interface InputText {
  /** How to name the input in messages. */
  readonly name: string;
  readonly text: string;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
}

/**
 * Reads a whole file named on the command line, refusing before reading
 * anything that is not a regular file within `limit.maxBytes`. The checks are
 * made on the opened descriptor (fstat), so the path cannot be swapped between
 * the check and the read; the open does not block on a FIFO without a writer
 * (O_NONBLOCK), and a file that grows while it is read is refused too.
 *
 * A path that names no readable regular file is a usage error (exit 2, the
 * message names `arg`); an I/O failure while reading is an operation failure
 * (exit 1).
 */
export function readRegularFile(arg: string, io: CliIo, limit: InputLimit, what = arg): Buffer {
  const path = resolve(io.cwd, arg);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const known = usageErrors[code];
    if (known !== undefined) throw new CliError(exitCodes.usage, `Cannot read ${what}: ${known}.`);
    throw new CliError(exitCodes.failed, `Reading ${what} failed (${code}). Nothing was changed.`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new CliError(exitCodes.usage, `Cannot read ${what}: it is a folder, not a file.`);
    if (!stat.isFile()) throw new CliError(exitCodes.usage, `Cannot read ${what}: it is not a regular file (a device, pipe or socket). Give a file.`);
    if (stat.size > limit.maxBytes) throw new CliError(exitCodes.usage, `${what} is larger than ${sizeText(limit.maxBytes)}; expected ${limit.expected}. It was not read.`);
    // One byte more than the file's size: reading it means the file grew.
    const buffer = Buffer.alloc(stat.size + 1);
    let filled = 0;
    for (;;) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (n === 0) break;
      filled += n;
      if (filled === buffer.length) throw new CliError(exitCodes.usage, `${what} grew while it was read; it was refused.`);
    }
    return buffer.subarray(0, filled);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(exitCodes.failed, `Reading ${what} failed (${code}). Nothing was changed.`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a text input given as a path, or `-` for standard input (read with the
 * same limit: at most one byte more than it is read). A path that does not name
 * a readable regular file is a usage error (exit 2); an I/O failure while
 * reading an existing file is an operation failure (exit 1).
 */
export async function readInputText(arg: string, io: CliIo, limit: InputLimit = factsLimit): Promise<InputText> {
  const { maxBytes, expected } = limit;
  if (arg === '-') {
    const text = await io.readStdin(maxBytes);
    if (Buffer.byteLength(text, 'utf8') > maxBytes) {
      throw new CliError(exitCodes.usage, `Standard input is larger than ${sizeText(maxBytes)}; expected ${expected}. Nothing was read beyond that.`);
    }
    return { name: 'standard input', text: text.startsWith('\uFEFF') ? text.slice(1) : text };
  }
  const bytes = readRegularFile(arg, io, limit);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { name: arg, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
  } catch {
    throw new CliError(exitCodes.usage, `${arg} is not UTF-8 text; expected a JSON file.`);
  }
}
