import { AppError } from '../../../shared/contract';
import { hubUserNameProblem, parseHubAddress, requireCaPem, type HubAddress } from '../services/hub';
import { CliError, exitCodes } from './exitCodes';
import { readRegularFile } from './inputFile';
import { requiredString, type CliArgs, type CliIo, type CliOptions } from './types';

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
