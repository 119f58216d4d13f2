import { roles, roleSchema, type Role } from '../../../shared/domain/ids';
import { CliError, exitCodes } from './exitCodes';
import type { ParseArgsConfig } from 'node:util';

/** Everything a command touches of the outside world, so tests can drive it in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Reads standard input (for `-` file arguments): all of it, or `maxBytes` + 1
   * bytes when it is longer (never more; the default bound is 256 MiB).
   */
  readStdin(maxBytes?: number): Promise<string>;
  /** Asks for a secret on the terminal without echo; rejects when there is no TTY. */
  promptSecret(prompt: string): Promise<string>;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export type CliOptions = NonNullable<ParseArgsConfig['options']>;

export interface CliArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export interface CliCommand {
  /** Words that select the command, e.g. ['vault', 'init']. */
  readonly path: readonly string[];
  readonly summary: string;
  /** The full `--help` text: usage line, options, exit codes worth knowing. */
  readonly help: string;
  readonly options: CliOptions;
  /** How many positional arguments the command takes, at least and at most. */
  readonly positionals?: { min: number; max: number; name: string };
  run(args: CliArgs, io: CliIo): Promise<number>;
}


/** The value of a string option, or undefined when it was not given. */
export function optionalString(args: CliArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The value of a required string option; a clear usage error when it is missing. */
export function requiredString(args: CliArgs, name: string, command: string): string {
  const value = optionalString(args, name);
  if (value === undefined || value.length === 0) {
    throw new CliError(exitCodes.usage, `Missing --${name}. See "offramp ${command} --help".`);
  }
  return value;
}

/** An Offramp role given as --NAME (required); an unknown one is refused naming the roles there are. */
export function requiredRole(args: CliArgs, name: string, command: string): Role {
  const given = requiredString(args, name, command);
  const role = roleSchema.safeParse(given);
  if (!role.success) throw new CliError(exitCodes.usage, `Unknown role "${given}". Roles: ${roles.join(', ')}. Nothing was changed.`);
  return role.data;
}

export function flag(args: CliArgs, name: string): boolean {
  return args.values[name] === true;
}
