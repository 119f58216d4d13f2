import { AppError } from '../../shared/contract';
import { CliError, exitCodeFor, exitCodes } from '../../electron/backend/cli/exitCodes';
import type { CliIo } from '../../electron/backend/cli/types';
import { benchCommand, exportRssCommand, fairCommand, fillCommand, rendererCommand, workerCommand } from './benchCommand';
import { seedCommand } from './seedCommand';

/**
 * The commands behind `npm run seed` and `npm run bench` (see entry.ts). Errors
 * are one plain sentence and an exit code, as in the offramp CLI.
 */
export async function benchMain(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'seed':
        return await seedCommand(rest, io);
      case 'bench':
        return await benchCommand(rest, io);
      case 'worker':
        return await workerCommand(io);
      case 'fill':
        return await fillCommand(io);
      case 'renderer':
        return await rendererCommand(io);
      case 'fair':
        return await fairCommand(io);
      case 'export-rss':
        return await exportRssCommand(io);
      default:
        io.stderr('Usage: node build/bench.mjs seed|bench [options] (see --help of each).\n');
        return exitCodes.usage;
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${command ?? 'bench'}: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof AppError) {
      io.stderr(`${command ?? 'bench'}: ${error.message}\n`);
      return exitCodeFor(error.code);
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      io.stderr(`${command ?? 'bench'}: ${error.message}\n`);
      return exitCodes.usage;
    }
    io.stderr(`${command ?? 'bench'}: failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.failed;
  }
}
