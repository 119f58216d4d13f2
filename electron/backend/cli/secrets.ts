import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, exitCodes } from './exitCodes';
import type { CliIo } from './types';

/**
 * Reads a secret from a file: its first line, trailing newline stripped. Secrets
 * never come from argv or environment values (see the CLI contract).
 */
export function readSecretFile(path: string, io: CliIo, what = 'passphrase'): string {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(exitCodes.usage, `Cannot read the ${what} file ${path} (${code}).`);
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
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
