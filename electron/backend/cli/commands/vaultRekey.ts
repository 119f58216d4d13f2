import { rekeyVaultAs } from '../../services/vaultAdmin';
import { exitCodes } from '../exitCodes';
import { chooseUser, existingVaultDir, unlockOptions, unlockOptionsHelp, unlockPassphrase, vaultOptions, withUnlockedSession } from '../openVault';
import { claimRecoveryKeyFile } from '../recoveryKeyFile';
import { flag, requiredString, type CliCommand } from '../types';

const command = 'vault rekey';

const help = `Usage: offramp vault rekey --vault DIR [--user NAME] --passphrase-file FILE
                           --recovery-key-out KEYFILE [--json]

Replaces the vault's master key and its database key, and re-encrypts the
database into a new file under the new key. Every user keeps their passphrase;
the old recovery key, old copies of the keyslot file and old backups' keyslot
files no longer open the vault as it now is. Only a program manager can rekey.
A crash at any moment leaves the vault openable with every user's passphrase,
under either the old keys or the new ones, never a mix. The rekey is recorded in
the audit log.

Options:
${unlockOptionsHelp}
  --recovery-key-out KEYFILE  where to write the new recovery key: a new file
                           (mode 0600) outside the vault folder
  --json                   print { "vault", "recoveryKeyFile" }

Exit codes: 0 rekeyed; 2 bad options, KEYFILE exists, or another Offramp
program is changing the keys; 3 wrong user name or passphrase; 4 the vault is
damaged; 5 NAME is not a program manager. Nothing is changed unless the exit
code is 0.

Example:
  offramp vault rekey --vault /srv/offramp/vault --user "Dana Whitfield" \\
    --passphrase-file pass.txt --recovery-key-out /media/usb/recovery-2.txt
`;

export const vaultRekeyCommand: CliCommand = {
  path: ['vault', 'rekey'],
  summary: 'Replace the master and database keys; write the new recovery key (program manager)',
  help,
  options: { ...unlockOptions, 'recovery-key-out': { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const dir = existingVaultDir(args, io, command);
    const givenKey = requiredString(args, 'recovery-key-out', command);
    const user = chooseUser(dir, args, command);
    const passphrase = await unlockPassphrase(args, io, user);
    const keyFile = claimRecoveryKeyFile(givenKey, io, dir);
    try {
      await withUnlockedSession(dir, user, passphrase, io, async (session) => {
        const recoveryKey = await rekeyVaultAs(session, passphrase, vaultOptions(io), new Date());
        keyFile.write(recoveryKey);
      });
    } catch (error) {
      keyFile.abandon();
      throw error;
    }
    io.stdout(
      flag(args, 'json')
        ? `${JSON.stringify({ vault: dir, recoveryKeyFile: keyFile.path })}\n`
        : `Replaced the keys of the vault in ${dir}.\n  new recovery key: ${keyFile.path} (readable by you only)\nThe old recovery key no longer opens the vault. Keep the new one offline and away from this workstation.\n`,
    );
    return exitCodes.ok;
  },
};
