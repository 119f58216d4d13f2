import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/contract';
import { commands } from './commands';
import { CliError, exitCodeFor, exitCodes } from './exitCodes';
import { onHubInstead } from './hubLogin';
import type { CliCommand, CliIo } from './types';

const globalHelp = (list: readonly CliCommand[]): string => {
  const width = Math.max(...list.map((c) => c.path.join(' ').length));
  const rows = list.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`).join('\n');
  return `offramp: casework for Insider Threat Program hubs, on the command line.

Usage: offramp <command> [options]

Commands:
${rows}

Every command has --help. Output for programs is JSON with --json.
Secrets are read from a terminal without echo or from a file given with
--passphrase-file / --packet-passphrase-file; never from arguments.

Exit codes: 0 success, 1 operation failed, 2 usage or invalid input,
3 authentication failed, 4 integrity failure.
`;
};

/** Finds the command whose path is the longest prefix of argv. */
function findCommand(argv: readonly string[]): { command: CliCommand; rest: string[] } | null {
  let best: CliCommand | null = null;
  for (const command of commands) {
    const matches = command.path.every((word, i) => argv[i] === word);
    if (matches && (best === null || command.path.length > best.path.length)) best = command;
  }
  return best === null ? null : { command: best, rest: argv.slice(best.path.length) };
}

/**
 * Runs one invocation of `offramp` and returns its exit code. Errors are printed as
 * one or two plain sentences; stack traces only with --debug.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.stdout(globalHelp(commands));
    return args.length === 0 ? exitCodes.usage : exitCodes.ok;
  }
  if (args[0] === '--version') {
    io.stdout(`${process.env['npm_package_version'] ?? '0.1.0'}\n`);
    return exitCodes.ok;
  }
  const found = findCommand(args);
  if (found === null) {
    const group = commands.filter((c) => c.path[0] === args[0]);
    if (group.length > 0) {
      const names = group.map((c) => c.path.join(' ')).join(', ');
      const wanted = args[1] === undefined || args[1].startsWith('-') ? 'a subcommand' : `"${args[1]}"`;
      io.stderr(`offramp ${args[0]}: unknown or missing subcommand (${wanted}). Choose one of: ${names}.\n`);
    } else {
      io.stderr(`offramp: unknown command "${args[0] ?? ''}". Run "offramp --help" for the list.\n`);
    }
    return exitCodes.usage;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return exitCodes.ok;
  }
  try {
    const name = command.path.join(' ');
    const instead = onHubInstead[name];
    if (instead !== undefined && command.options['hub'] === undefined && rest.some((a) => a === '--hub' || a.startsWith('--hub='))) {
      throw new CliError(exitCodes.usage, `offramp ${name} does not work on a hub: ${instead} Nothing was changed.`);
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    } catch (error) {
      throw new CliError(exitCodes.usage, `${(error as Error).message.replace(/\.$/, '')}. See "offramp ${command.path.join(' ')} --help".`);
    }
    const bounds = command.positionals ?? { min: 0, max: 0, name: '' };
    if (parsed.positionals.length < bounds.min) {
      throw new CliError(exitCodes.usage, `Missing ${bounds.name}. See "offramp ${command.path.join(' ')} --help".`);
    }
    if (parsed.positionals.length > bounds.max) {
      const extra = parsed.positionals.slice(bounds.max).join(' ');
      throw new CliError(exitCodes.usage, `Unexpected argument "${extra}". See "offramp ${command.path.join(' ')} --help".`);
    }
    return await command.run({ values: parsed.values, positionals: parsed.positionals }, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`offramp: ${error.message}\n`);
      if (debug && error.stack) io.stderr(`${error.stack}\n`);
      return error.exitCode;
    }
    if (error instanceof AppError) {
      io.stderr(`offramp: ${error.message}\n`);
      if (debug && error.stack) io.stderr(`${error.stack}\n`);
      return exitCodeFor(error.code);
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`offramp: the command failed: ${message}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return exitCodes.failed;
  }
}
