import { readFileSync, statSync } from 'node:fs';
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

/**
 * Reads a text input given as a path, or `-` for standard input. A path that does
 * not name a readable file is a usage error (exit 2); an I/O failure while reading
 * an existing file is an operation failure (exit 1).
 */
export async function readInputText(arg: string, io: CliIo, limit: InputLimit = factsLimit): Promise<InputText> {
  const { maxBytes, expected } = limit;
  if (arg === '-') {
    const text = await io.readStdin();
    if (text.length > maxBytes) {
      throw new CliError(exitCodes.usage, `Standard input is larger than ${maxBytes / 1024 / 1024} MiB; expected ${expected}.`);
    }
    return { name: 'standard input', text };
  }
  const path = resolve(io.cwd, arg);
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new CliError(exitCodes.usage, `Cannot read ${arg}: it is a folder, not a file.`);
    if (stat.size > maxBytes) {
      throw new CliError(exitCodes.usage, `${arg} is larger than ${maxBytes / 1024 / 1024} MiB; expected ${expected}.`);
    }
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const known = usageErrors[code];
    if (known !== undefined) throw new CliError(exitCodes.usage, `Cannot read ${arg}: ${known}.`);
    throw new CliError(exitCodes.failed, `Reading ${arg} failed (${code}). Nothing was changed.`);
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { name: arg, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
  } catch {
    throw new CliError(exitCodes.usage, `${arg} is not UTF-8 text; expected a JSON file.`);
  }
}
