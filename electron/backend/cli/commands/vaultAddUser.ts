import { userNameSchema } from '../../../../shared/contract/vault';
import { roles } from '../../../../shared/domain/ids';
import { addVaultUser, requirePassphraseStrength } from '../../services/vaultAdmin';
import { CliError, exitCodes } from '../exitCodes';
import { chooseUser, existingVaultDir, newSlotKdf, obtainNewPassphrase, unlockOptions, unlockOptionsHelp, unlockPassphrase, vaultOptions, withUnlockedSession } from '../openVault';
import { flag, requiredRole, requiredString, type CliCommand } from '../types';

const command = 'vault add-user';

const help = `Usage: offramp vault add-user --vault DIR [--user NAME] --passphrase-file FILE
                              --new-user NEWNAME --new-role ROLE
                              --new-passphrase-file NEWFILE [--json]

Adds a user to the vault: a keyslot that lets NEWNAME's passphrase unlock it,
and NEWNAME's role. Only a program manager can add users: NAME must be one.
Give NEWNAME their passphrase by a safe way; they can change it with
"offramp vault passwd". The addition is recorded in the audit log.

Options:
${unlockOptionsHelp}
  --new-user NEWNAME       the new user's name (2 to 64 letters, digits, spaces,
                           . - ' _); names compare without regard to case
  --new-role ROLE          one of ${roles.slice(0, 4).join(', ')},
                           ${roles.slice(4).join(', ')}
  --new-passphrase-file NEWFILE  NEWNAME's first passphrase on the file's first
                           line; without it you are asked twice on the
                           terminal. At least 12 characters and not guessable.
  --json                   print { "name", "role", "createdAt" }

Exit codes: 0 added; 3 wrong user name or passphrase; 2 NAME is not a program
manager, NEWNAME exists already, a bad name or role, a weak passphrase, or no
vault at DIR. Nothing is changed unless the exit code is 0.

Example:
  offramp vault add-user --vault /srv/offramp/vault --user "Dana Whitfield" --passphrase-file pass.txt \\
    --new-user "Ana Lyst" --new-role analyst --new-passphrase-file ana.txt
`;

export const vaultAddUserCommand: CliCommand = {
  path: ['vault', 'add-user'],
  summary: 'Add a user with a role and a first passphrase (program manager)',
  help,
  options: {
    ...unlockOptions,
    'new-user': { type: 'string' },
    'new-role': { type: 'string' },
    'new-passphrase-file': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const dir = existingVaultDir(args, io, command);
    const givenName = requiredString(args, 'new-user', command);
    const name = userNameSchema.safeParse(givenName);
    if (!name.success) throw new CliError(exitCodes.usage, `Invalid user name "${givenName}": ${name.error.issues[0]?.message ?? 'not allowed'}.`);
    const role = requiredRole(args, 'new-role', command);
    const user = chooseUser(dir, args, command);
    const passphrase = await unlockPassphrase(args, io, user);
    const newPassphrase = await obtainNewPassphrase(args, io, 'new-passphrase-file', name.data);
    requirePassphraseStrength(newPassphrase, name.data);
    const kdf = newSlotKdf(io);
    const added = await withUnlockedSession(dir, user, passphrase, io, (session) =>
      addVaultUser(session, { name: name.data, role, passphrase: newPassphrase }, vaultOptions(io, kdf), new Date()),
    );
    io.stdout(flag(args, 'json') ? `${JSON.stringify(added)}\n` : `Added ${added.name} (${added.role}) to the vault.\n`);
    return exitCodes.ok;
  },
};
