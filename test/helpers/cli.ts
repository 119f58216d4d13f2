import { runCli } from '../../electron/backend/cli/main';
import type { CliIo } from '../../electron/backend/cli/types';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `offramp` in-process with captured output. Secrets come only from files, as
 * in CI: asking on a terminal rejects, like a real run without a TTY.
 */
export async function runOfframp(argv: string[], options: { stdin?: string; cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readStdin: () => Promise.resolve(options.stdin ?? ''),
    promptSecret: () => Promise.reject(new Error('no terminal')),
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
