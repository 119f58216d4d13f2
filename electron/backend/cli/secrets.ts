import { CliError, exitCodes } from './exitCodes';
import { readRegularFile } from './inputFile';
import type { CliIo } from './types';

/** A passphrase or recovery key file holds one line; anything larger is the wrong file. */
export const maxSecretFileBytes = 4 * 1024;

/**
 * Reads a secret from a file: its first line, without a leading UTF-8 byte order
 * mark and without the line ending (LF or CRLF). The file must be a regular file
 * of at most 4 KiB, checked before reading. Secrets never come from argv or
 * environment values (see the CLI contract).
 */
export function readSecretFile(path: string, io: CliIo, what = 'passphrase'): string {
  const bytes = readRegularFile(path, io, { maxBytes: maxSecretFileBytes, expected: `a ${what} on one line` }, `the ${what} file ${path}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new CliError(exitCodes.usage, `The ${what} file ${path} is not UTF-8 text.`);
  }
  const firstLine = text.split(/\r?\n|\r/, 1)[0] ?? '';
  if (firstLine.length === 0) {
    throw new CliError(exitCodes.usage, `The ${what} file ${path} is empty: its first line must hold the ${what}.`);
  }
  return firstLine;
}

/** A secret from `--<flag> FILE`, or else from the terminal without echo. */
export async function obtainSecret(
  file: string | undefined,
  io: CliIo,
  prompt: string,
  what = 'passphrase',
): Promise<string> {
  if (file !== undefined) return readSecretFile(file, io, what);
  try {
    const value = await io.promptSecret(prompt);
    if (value.length === 0) throw new CliError(exitCodes.usage, `No ${what} was entered.`);
    return value;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      exitCodes.usage,
      `No ${what} given: pass a file with the ${what} on its first line, or run on a terminal to be asked.`,
    );
  }
}
