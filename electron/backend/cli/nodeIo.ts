import { createInterface } from 'node:readline';
import type { CliIo } from './types';

/** Reads a line from the terminal without echoing it. */
function promptSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) return Promise.reject(new Error('standard input is not a terminal'));
  return new Promise((resolve, reject) => {
    process.stderr.write(prompt);
    const rl = createInterface({ input, terminal: true });
    // Mute the echo: readline writes keystrokes through _writeToOutput.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    rl.once('line', (line) => {
      rl.close();
      process.stderr.write('\n');
      resolve(line);
    });
    rl.once('SIGINT', () => {
      rl.close();
      reject(new Error('cancelled'));
    });
  });
}

/**
 * Reads standard input up to one byte more than `maxBytes` and stops there
 * (leaving the loop destroys the stream), so /dev/zero or an endless pipe cannot
 * fill memory; the caller refuses an input that reached the limit.
 */
async function readStdin(maxBytes = 256 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const bytes = chunk as Buffer;
    chunks.push(bytes);
    total += bytes.length;
    if (total > maxBytes) break;
  }
  return Buffer.concat(chunks).subarray(0, maxBytes + 1).toString('utf8');
}

export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin,
    promptSecret,
    cwd: process.cwd(),
    env: process.env,
  };
}
