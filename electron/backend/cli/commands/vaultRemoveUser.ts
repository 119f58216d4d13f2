import { removeVaultUser } from '../../services/vaultAdmin';
import { exitCodes } from '../exitCodes';
import { chooseUser, existingVaultDir, unlockOptions, unlockOptionsHelp, unlockPassphrase, vaultOptions, withUnlockedSession } from '../openVault';
import { claimRecoveryKeyFile, type RecoveryKeyFile } from '../recoveryKeyFile';
import { flag, optionalString, requiredString, type CliCommand } from '../types';

const command = 'vault remove-user';

const help = `Usage: offramp vault remove-user --vault DIR [--user NAME] --passphrase-file FILE
                                 --remove OTHER [--recovery-key-out KEYFILE] [--json]

Removes OTHER from the vault: their keyslot and their role. The vault's master
key and database key are replaced at the same time (as by "offramp vault
rekey"), so nothing OTHER kept (an old keyslot file, an old backup's keyslot
file, their passphrase, a recovery key) opens the vault as it now is. The other
users keep their passphrases. Only a program manager can remove users; the last
program manager and yourself cannot be removed. The removal is recorded in the
audit log.

Options:
${unlockOptionsHelp}
  --remove OTHER           the user to remove (names compare without regard to case)
  --recovery-key-out KEYFILE  where to write the new recovery key: a new file
                           (mode 0600) outside the vault folder. Without it the
                           new recovery key is not kept anywhere: run
                           "offramp vault rekey" to issue one.
  --json                   print { "removed", "recoveryKeyFile" }

Exit codes: 0 removed; 2 no user OTHER, the last program manager, yourself,
bad options, or another Offramp program is changing the keys; 3 wrong user
name or passphrase; 4 the vault is damaged; 5 NAME is not a program manager.
Nothing is changed unless the exit code is 0.

Example:
  offramp vault remove-user --vault /srv/offramp/vault --user "Dana Whitfield" \\
    --passphrase-file pass.txt --remove "Ana Lyst" --recovery-key-out /media/usb/recovery-3.txt
`;

export const vaultRemoveUserCommand: CliCommand = {
  path: ['vault', 'remove-user'],
  summary: "Remove a user and replace the vault's keys (program manager)",
  help,
  options: { ...unlockOptions, remove: { type: 'string' }, 'recovery-key-out': { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const dir = existingVaultDir(args, io, command);
    const other = requiredString(args, 'remove', command);
    const givenKey = optionalString(args, 'recovery-key-out');
    const user = chooseUser(dir, args, command);
    const passphrase = await unlockPassphrase(args, io, user);
    const keyFile: RecoveryKeyFile | null = givenKey === undefined ? null : claimRecoveryKeyFile(givenKey, io, dir);
    let removed: string;
    try {
      removed = await withUnlockedSession(dir, user, passphrase, io, async (session) => {
        const outcome = await removeVaultUser(session, other, vaultOptions(io), new Date());
        keyFile?.write(outcome.recoveryKey);
        return outcome.removed;
      });
    } catch (error) {
      keyFile?.abandon();
      throw error;
    }
    if (flag(args, 'json')) {
      io.stdout(`${JSON.stringify({ removed, recoveryKeyFile: keyFile?.path ?? null })}\n`);
    } else {
      io.stdout(`Removed ${removed} and replaced the vault's keys.\n`);
      io.stdout(keyFile === null ? '' : `  new recovery key: ${keyFile.path} (readable by you only)\n`);
    }
    if (keyFile === null) {
      io.stderr('offramp: warning: the old recovery key no longer opens the vault, and no new one was written. Issue one with "offramp vault rekey --recovery-key-out FILE".\n');
    }
    return exitCodes.ok;
  },
};
