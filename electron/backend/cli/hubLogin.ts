import { AppError } from '../../../shared/contract';
import { hubUserNameProblem, parseHubAddress, requireCaPem, type HubAddress, type HubLogin } from '../services/hub';
import { CliError, exitCodes } from './exitCodes';
import { readRegularFile } from './inputFile';
import { unlockPassphrase } from './openVault';
import { optionalString, requiredString, type CliArgs, type CliIo, type CliOptions } from './types';

/** The options that name a hub: its address and the CA its certificate must chain to. */
export const hubOptions: CliOptions = {
  hub: { type: 'string' },
  ca: { type: 'string' },
};

export const hubOptionsHelp = `  --hub postgresql://HOST[:PORT]/DATABASE  the hub's PostgreSQL server and
                           database (no user or password in it)
  --ca CA.pem              the CA that signed the hub's certificate; the
                           connection is always TLS, verified against it and
                           the host name`;

/** A hub address and CA from `--hub` and `--ca`, checked before any connection. */
export function hubTarget(args: CliArgs, io: CliIo, command: string): { address: HubAddress; ca: string } {
  const hub = requiredString(args, 'hub', command);
  const caPath = requiredString(args, 'ca', command);
  try {
    const address = parseHubAddress(hub);
    const ca = requireCaPem(readRegularFile(caPath, io, { maxBytes: 64 * 1024, expected: 'a PEM certificate' }, `the CA file ${caPath}`).toString('utf8'), caPath);
    return { address, ca };
  } catch (error) {
    if (error instanceof AppError) throw new CliError(exitCodes.usage, error.message);
    throw error;
  }
}

/** A hub user name from `--<option>`: it becomes a PostgreSQL role name, so only safe identifiers. */
export function hubUserName(args: CliArgs, option: string, command: string): string {
  const name = requiredString(args, option, command);
  const problem = hubUserNameProblem(name);
  if (problem !== null) throw new CliError(exitCodes.usage, `Invalid hub user name "${name}": ${problem}. Nothing was changed.`);
  return name;
}

/**
 * For a command that works on a vault or a hub: whether it was given a hub
 * (`--hub`), refusing both at once before anything is opened.
 */
export function targetsHub(args: CliArgs, command: string): boolean {
  const hub = optionalString(args, 'hub') !== undefined;
  if (hub && optionalString(args, 'vault') !== undefined) throw new CliError(exitCodes.usage, `Give either --vault or --hub, not both. See "offramp ${command} --help".`);
  if (!hub && optionalString(args, 'ca') !== undefined) throw new CliError(exitCodes.usage, `--ca names the CA of a hub: give it with --hub. See "offramp ${command} --help".`);
  return hub;
}

/** A hub user's login from `--hub`, `--ca`, `--user` and `--passphrase-file` (or the terminal). */
export async function hubUserLogin(args: CliArgs, io: CliIo, command: string): Promise<HubLogin> {
  const target = hubTarget(args, io, command);
  const user = hubUserName(args, 'user', command);
  const password = await unlockPassphrase(args, io, user);
  return { ...target, user, password };
}

/**
 * The commands that take --vault but not --hub, and what a hub's user does
 * instead, so that `--hub` on one of them is answered in words rather than as
 * an unknown option.
 */
export const onHubInstead: Readonly<Record<string, string>> = {
  'vault init': 'a hub is set up with "offramp hub init".',
  'vault add-user': 'hub users are added with "offramp hub add-user".',
  'vault passwd': "a hub user's password is the PostgreSQL login's: its administrator changes it on the server.",
  'vault remove-user': "a hub user is removed by the server's administrator (DROP ROLE, after reassigning the cases it leads).",
  'vault rekey': "a hub has no vault key: its data is protected by the server's disk encryption and logins (SECURITY.md, Hub mode).",
  'vault backup': 'a hub is backed up with "offramp hub backup".',
  'vault restore': 'a hub backup is restored with pg_restore into an empty database (README, Hub mode).',
  'vault check': 'the hub\'s audit chain is checked with "offramp audit verify --hub"; the database is the server administrator\'s to check.',
  'audit anchor': 'anchors of a hub\'s chain are not available in this version of Offramp.',
  'case import': 'importing cases into a hub is not available in this version of Offramp: import into a workstation vault and move it in with "offramp hub import-vault".',
  'packet export': 'packets are exported from a workstation vault in this version of Offramp.',
};
