import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { obtainSecret } from '../../electron/backend/cli/secrets';
import { CliError, exitCodes } from '../../electron/backend/cli/exitCodes';
import type { CliIo } from '../../electron/backend/cli/types';
import { hubManager } from './hub';
import { progressReporter } from './progress';
import { seedVault } from './seed';

export const seedHelp = `Usage: npm run seed -- --cases N [--seed S] [--vault DIR] [--passphrase-file F] [--user NAME]

Creates a new vault filled with a synthetic, entirely fictional Insider Threat
hub: N cases opened over ten years, each with a report narrative, about ten
indicators, five analysis items, an assessment, five actions, reporting records
and three reviews, plus the audit events that history implies. The same seed
always gives the same data.

Options:
  --cases N             how many cases (required)
  --seed S              seed of the generator (default 1)
  --vault DIR           where to create the vault (default bench/tmp/vault-N-sS);
                        it must not exist or be empty
  --passphrase-file F   the passphrase of every synthetic user (first line);
                        asked on the terminal when omitted
  --user NAME           the program manager's user name (default ${hubManager.name})
  --recovery-key-out F  write the vault's recovery key to F (mode 0600)
  --fast-kdf            the fast, insecure KDF of the test suites
`;

export function positiveInt(text: string | undefined, name: string, fallback?: number): number {
  if (text === undefined) {
    if (fallback !== undefined) return fallback;
    throw new CliError(exitCodes.usage, `Missing --${name}. See "npm run seed -- --help".`);
  }
  const value = Number(text.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < 1) throw new CliError(exitCodes.usage, `--${name} must be a positive whole number, not "${text}".`);
  return value;
}

export async function seedCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      cases: { type: 'string' },
      seed: { type: 'string' },
      vault: { type: 'string' },
      'passphrase-file': { type: 'string' },
      user: { type: 'string' },
      'recovery-key-out': { type: 'string' },
      'fast-kdf': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) {
    io.stdout(seedHelp);
    return exitCodes.ok;
  }
  const cases = positiveInt(values.cases, 'cases');
  const seed = positiveInt(values.seed, 'seed', 1);
  const vaultDir = resolve(io.cwd, values.vault ?? `bench/tmp/vault-${cases}-s${seed}`);
  const passphrase = await obtainSecret(values['passphrase-file'], io, 'Passphrase for the synthetic users: ');
  const { recoveryKey, ...result } = await seedVault({
    cases,
    seed,
    vaultDir,
    passphrase,
    userName: values.user ?? hubManager.name,
    kdf: values['fast-kdf'] === true ? 'fast-insecure-for-tests' : 'default',
    progress: progressReporter(io, 'seed'),
  });
  const keyFile = values['recovery-key-out'];
  if (keyFile !== undefined) writeFileSync(resolve(io.cwd, keyFile), `${recoveryKey}\n`, { mode: 0o600 });
  io.stdout(`${JSON.stringify({ vault: vaultDir, ...result, casesPerSecond: Math.round(result.cases / result.seconds) })}\n`);
  return exitCodes.ok;
}
