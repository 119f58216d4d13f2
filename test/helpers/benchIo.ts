import type { CliIo } from '../../electron/backend/cli/types';
import type { CliRun } from './cli';

/**
 * Runs a command entry (the offramp CLI's or the benchmark's) in-process with
 * captured output; secrets come only from files, as in CI.
 */
export async function runOfframpIo(main: (argv: readonly string[], io: CliIo) => Promise<number>, argv: string[], cwd: string, stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readStdin: () => Promise.resolve(stdin),
    promptSecret: () => Promise.reject(new Error('no terminal')),
    cwd,
    env: {},
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
