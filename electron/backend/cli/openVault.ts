import { resolve } from 'node:path';
import { appendAudit } from '../vault/audit';
import { damagedDatabase } from '../vault/database';
import type { KdfProfile } from '../vault/kdf';
import { readHeader, vaultExists } from '../vault/keyslots';
import type { VaultSession } from '../vault/session';
import { unlockVault, type VaultOptions } from '../vault/vault';
import { CliError, exitCodes } from './exitCodes';
import { obtainSecret } from './secrets';
import { optionalString, requiredString, type CliArgs, type CliIo, type CliOptions } from './types';

/** The options every command that unlocks a vault takes. */
export const unlockOptions: CliOptions = {
  vault: { type: 'string' },
  user: { type: 'string' },
  'passphrase-file': { type: 'string' },
};

/** Help lines for those options, shared so every command explains them alike. */
export const unlockOptionsHelp = `  --vault DIR              the vault's folder
  --user NAME              whose passphrase this is; may be left out when the
                           vault has exactly one user
  --passphrase-file FILE   the passphrase on the file's first line; without it
                           the passphrase is asked for on the terminal (no echo)`;

export const FAST_KDF_ENV = 'OFFRAMP_TEST_FAST_KDF';

/**
 * The KDF profile for keyslots this command creates. Test suites set
 * OFFRAMP_TEST_FAST_KDF=1 to create many vaults quickly; the profile is stored in
 * each slot, so it never weakens an existing slot, and it is announced every time.
 */
export function newSlotKdf(io: CliIo): KdfProfile {
  if (io.env[FAST_KDF_ENV] !== '1') return 'default';
  io.stderr(`offramp: warning: ${FAST_KDF_ENV}=1: new passphrases are protected by the fast, insecure test KDF. Never use this for a real vault.\n`);
  return 'fast-insecure-for-tests';
}

export function vaultOptions(io: CliIo, kdf: KdfProfile = 'default'): VaultOptions {
  return { now: () => new Date(), kdf, log: (line) => io.stderr(`${line}\n`) };
}

/** The vault folder of --vault, which must hold a vault. */
export function existingVaultDir(args: CliArgs, io: CliIo, command: string): string {
  const given = requiredString(args, 'vault', command);
  const dir = resolve(io.cwd, given);
  if (!vaultExists(dir)) throw new CliError(exitCodes.usage, `There is no vault at ${given} (no keyslot file there). Nothing was changed.`);
  return dir;
}

/**
 * Who unlocks: --user when given; otherwise the vault's only user. With several
 * users the command cannot guess, and a wrong guess would be a failed unlock on
 * record, so it asks.
 */
export function chooseUser(dir: string, args: CliArgs, command: string): string {
  const given = optionalString(args, 'user');
  if (given !== undefined) {
    if (given.trim().length === 0) throw new CliError(exitCodes.usage, `--user is empty. See "offramp ${command} --help".`);
    return given.trim();
  }
  const slots = readHeader(dir).slots;
  const only = slots.length === 1 ? slots[0] : undefined;
  if (only === undefined) {
    throw new CliError(exitCodes.usage, `This vault has ${slots.length} users: say which one is unlocking with --user NAME.`);
  }
  return only.user;
}

/** Reads the passphrase of --passphrase-file, or asks on the terminal. */
export function unlockPassphrase(args: CliArgs, io: CliIo, user: string): Promise<string> {
  return obtainSecret(optionalString(args, 'passphrase-file'), io, `Passphrase for ${user}: `);
}

/** A new passphrase from the file of `--<option>`, or asked twice on the terminal. */
export async function obtainNewPassphrase(args: CliArgs, io: CliIo, option: string, user: string): Promise<string> {
  const file = optionalString(args, option);
  // A new vault's first passphrase is just "the passphrase"; a change brings a new one.
  const what = option === 'passphrase-file' ? 'passphrase' : 'new passphrase';
  const passphrase = await obtainSecret(file, io, `New passphrase for ${user}: `, what);
  if (file === undefined) {
    const again = await obtainSecret(undefined, io, `Repeat the ${what}: `, what);
    if (again !== passphrase) throw new CliError(exitCodes.usage, 'The two passphrases differ. Nothing was changed.');
  }
  return passphrase;
}

/**
 * Records the end of a command's session and closes the database, zeroing the
 * key. Runs on success and on error alike; a failure to record the lock (a
 * damaged database) must not hide the command's own outcome.
 */
export function lockCliSession(session: VaultSession, io: CliIo): void {
  try {
    appendAudit(session.db, { actor: session.user.name, action: 'vault.lock', detail: { reason: 'cli' } }, new Date());
  } catch (error) {
    io.stderr(`offramp: could not record the end of the session in the audit log (${error instanceof Error ? error.message : String(error)}).\n`);
  } finally {
    session.close();
  }
}

/** Runs `work` on an unlocked session for the user chosen as above, and always locks. */
export async function withUnlockedSession<T>(dir: string, user: string, passphrase: string, io: CliIo, work: (session: VaultSession) => Promise<T> | T): Promise<T> {
  const session = await unlockVault(dir, user, passphrase, vaultOptions(io));
  try {
    return await work(session);
  } catch (error) {
    throw damagedDatabase(error) ?? error;
  } finally {
    lockCliSession(session, io);
  }
}

/** The usual path: --vault, --user (or the only user), the passphrase; then `work`, then lock. */
export async function withVault<T>(args: CliArgs, io: CliIo, command: string, work: (session: VaultSession) => Promise<T> | T): Promise<T> {
  const dir = existingVaultDir(args, io, command);
  const user = chooseUser(dir, args, command);
  const passphrase = await unlockPassphrase(args, io, user);
  return withUnlockedSession(dir, user, passphrase, io, work);
}
