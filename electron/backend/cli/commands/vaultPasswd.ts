import { changePassphrase, requirePassphraseStrength } from '../../services/vaultAdmin';
import { CliError, exitCodes } from '../exitCodes';
import { chooseUser, existingVaultDir, newSlotKdf, obtainNewPassphrase, unlockOptions, unlockOptionsHelp, unlockPassphrase, vaultOptions, withUnlockedSession } from '../openVault';
import { flag, type CliCommand } from '../types';

const command = 'vault passwd';

const help = `Usage: offramp vault passwd --vault DIR [--user NAME] --passphrase-file FILE
                            --new-passphrase-file NEWFILE [--json]

Changes NAME's passphrase. Only NAME's keyslot changes: the database and its key
stay as they are, so the recovery key and the other users are not affected. The
change is recorded in the audit log.

Options:
${unlockOptionsHelp}
  --new-passphrase-file NEWFILE  the new passphrase on the file's first line;
                           without it you are asked twice on the terminal. At
                           least 12 characters and not guessable; a weak one is
                           refused with the reasons.
  --json                   print { "user", "changed": true }

Exit codes: 0 changed; 3 wrong user name or passphrase (nothing changed); 2 a
weak new passphrase, the same passphrase again, or no vault at DIR.

Example:
  offramp vault passwd --vault /srv/offramp/vault --user "Dana Whitfield" \\
    --passphrase-file old.txt --new-passphrase-file new.txt
`;

export const vaultPasswdCommand: CliCommand = {
  path: ['vault', 'passwd'],
  summary: "Change a user's passphrase",
  help,
  options: { ...unlockOptions, 'new-passphrase-file': { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const dir = existingVaultDir(args, io, command);
    const user = chooseUser(dir, args, command);
    const current = await unlockPassphrase(args, io, user);
    const next = await obtainNewPassphrase(args, io, 'new-passphrase-file', user);
    // Judged before unlocking, so a weak choice costs no unlock and leaves no trace.
    requirePassphraseStrength(next, user);
    if (next.normalize('NFC') === current.normalize('NFC')) throw new CliError(exitCodes.usage, 'The new passphrase is the same as the current one. Nothing was changed.');
    const kdf = newSlotKdf(io);
    const name = await withUnlockedSession(dir, user, current, io, async (session) => {
      await changePassphrase(session, current, next, vaultOptions(io, kdf));
      return session.user.name;
    });
    io.stdout(flag(args, 'json') ? `${JSON.stringify({ user: name, changed: true })}\n` : `Changed the passphrase of ${name}.\n`);
    return exitCodes.ok;
  },
};
