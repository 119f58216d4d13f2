import { closeSync, existsSync, fchmodSync, fsyncSync, openSync, readdirSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { userNameSchema } from '../../../../shared/contract/vault';
import { roles } from '../../../../shared/domain/ids';
import { seedTrainingCases } from '../../services/training';
import { createVault, requirePassphraseStrength } from '../../services/vaultAdmin';
import { CliError, exitCodes } from '../exitCodes';
import { lockCliSession, newSlotKdf, obtainNewPassphrase, vaultOptions } from '../openVault';
import { flag, requiredRole, requiredString, type CliCommand } from '../types';

const command = 'vault init';

/** Wraps a list of words into lines indented by `indent`, at most `width` wide. */
function wrap(text: string, indent: number, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line.length > 0 && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line.length > 0 ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines.map((l) => `${' '.repeat(indent)}${l}`).join('\n');
}

const help = `Usage: offramp vault init --vault DIR --user NAME --role ROLE
                          --passphrase-file FILE --recovery-key-out KEYFILE
                          [--training] [--json]

Creates a new encrypted vault in DIR with one user, and writes the vault's
recovery key to KEYFILE. DIR must not exist or be an empty folder.

The database is a SQLCipher 4 file encrypted with a random 256-bit key. NAME's
passphrase unlocks it through a keyslot (scrypt, about half a second). The
recovery key is that database key as 64 hexadecimal digits: with it, standard
SQLCipher 4 tools open the data without any passphrase. KEYFILE is created new
(never written over) with mode 0600; keep it offline, away from this
workstation, and never in DIR.

Options:
  --vault DIR               folder for the new vault (created if missing)
  --user NAME               the first user (2 to 64 letters, digits, spaces, . - ' _)
  --role ROLE               the first user's role, one of
${wrap(roles.join(', '), 28, 80)}.
                            Only a program manager can add users or change the
                            database key, so the first user is normally one.
  --passphrase-file FILE    the passphrase on the file's first line; without it
                            you are asked twice on the terminal (no echo). It
                            must be at least 12 characters and not guessable;
                            a weak one is refused with the reasons.
  --recovery-key-out KEYFILE  where to write the recovery key (a new file)
  --training                make a training vault: marked TRAINING in the app and in
                            packets, filled with the guides' fictional cases
  --json                    print { "vault", "vaultId", "user", "training",
                            "recoveryKeyFile" } instead of text

Exit codes: 0 created; 2 DIR is not empty, KEYFILE exists, a bad name or role,
a weak passphrase (nothing is created); 1 writing failed (nothing is left
behind).

Example:
  offramp vault init --vault /srv/offramp/vault --user "Dana Whitfield" \\
    --role program_manager --passphrase-file pass.txt --recovery-key-out /media/usb/recovery.txt
`;

function usage(message: string): CliError {
  return new CliError(exitCodes.usage, message);
}

/** DIR must be new or empty: a vault never shares its folder. */
function checkVaultDir(dir: string, given: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw usage(`${given} exists and is not a folder. Nothing was changed.`);
  if (readdirSync(dir).length > 0) throw usage(`${given} is not empty: a new vault needs a new or empty folder. Nothing was changed.`);
}

/** Removes a vault just created: the folder, or only its contents if the folder was there before. */
function removeVault(dir: string, folderExisted: boolean): void {
  if (!folderExisted) {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The recovery key file: new, outside the vault, in an existing folder. */
function checkKeyFile(path: string, given: string, vaultDir: string): void {
  if (isInside(vaultDir, path)) throw usage('The recovery key must not be kept in the vault folder: whoever copies the folder would have the key. Choose a file elsewhere.');
  if (existsSync(path)) throw usage(`${given} already exists; the recovery key is never written over a file. Choose a new file name. Nothing was changed.`);
  if (!existsSync(dirname(path)) || !statSync(dirname(path)).isDirectory()) throw usage(`The folder of ${given} does not exist. Nothing was changed.`);
}

function parseUserName(value: string): string {
  const name = userNameSchema.safeParse(value);
  if (!name.success) throw usage(`Invalid user name "${value}": ${name.error.issues[0]?.message ?? 'not allowed'}.`);
  return name.data;
}

export const vaultInitCommand: CliCommand = {
  path: ['vault', 'init'],
  summary: 'Create a new encrypted vault with its first user; write the recovery key to a new file',
  help,
  options: {
    vault: { type: 'string' },
    user: { type: 'string' },
    role: { type: 'string' },
    'passphrase-file': { type: 'string' },
    'recovery-key-out': { type: 'string' },
    training: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const givenDir = requiredString(args, 'vault', command);
    const userName = parseUserName(requiredString(args, 'user', command));
    const role = requiredRole(args, 'role', command);
    const givenKey = requiredString(args, 'recovery-key-out', command);
    const dir = resolve(io.cwd, givenDir);
    const keyPath = resolve(io.cwd, givenKey);
    checkVaultDir(dir, givenDir);
    checkKeyFile(keyPath, givenKey, dir);
    const passphrase = await obtainNewPassphrase(args, io, 'passphrase-file', userName);
    requirePassphraseStrength(passphrase, userName);
    const kdf = newSlotKdf(io);

    // The key file is claimed first (exclusively, 0600), so that no vault exists
    // whose recovery key could not be written; either both exist or neither.
    let fd: number;
    try {
      fd = openSync(keyPath, 'wx', 0o600);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      if (code === 'EEXIST') throw usage(`${givenKey} already exists; the recovery key is never written over a file. Nothing was changed.`);
      throw new CliError(exitCodes.failed, `Cannot create ${givenKey} (${code}). Nothing was changed.`);
    }
    const existed = existsSync(dir);
    let session: Awaited<ReturnType<typeof createVault>>['session'] | null = null;
    try {
      const created = await createVault(dir, { userName, role, passphrase, training: flag(args, 'training') }, vaultOptions(io, kdf));
      session = created.session;
      fchmodSync(fd, 0o600);
      writeSync(fd, `${created.recoveryKey}\n`);
      fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      unlinkSync(keyPath);
      if (session !== null) {
        // The vault exists but its recovery key could not be kept: undo it.
        session.close();
        removeVault(dir, existed);
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        throw new CliError(exitCodes.failed, `Writing the recovery key to ${givenKey} failed (${code}); the vault was not created.`);
      }
      throw error;
    }
    closeSync(fd);
    const { user, vaultId, training } = session;
    // A training vault starts with the guides' fictional cases at their mid-point.
    const trainingCases = training ? await seedTrainingCases(session, new Date()) : 0;
    lockCliSession(session, io);

    if (role !== 'program_manager') {
      io.stderr('offramp: note: the only user is not a program manager, so nobody can add users or change the database key in this vault.\n');
    }
    if (flag(args, 'json')) {
      io.stdout(`${JSON.stringify({ vault: dir, vaultId, user, training, trainingCases, recoveryKeyFile: keyPath }, null, 2)}\n`);
    } else {
      io.stdout(
        `Created ${training ? 'a training vault' : 'a vault'} in ${dir}.\n` +
          `  user:          ${user.name} (${user.role})\n` +
          `  recovery key:  ${keyPath} (readable by you only)\n` +
          'Keep the recovery key offline and away from this workstation: it opens the vault without any passphrase.\n',
      );
    }
    return exitCodes.ok;
  },
};
