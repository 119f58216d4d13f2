import { resolve } from 'node:path';
import type { RestoreCredentials } from '../../../../shared/contract/records';
import { appVersion } from '../../appVersion';
import { restoreBackup } from '../../services/restore';
import { MIN_DECISION_REASON } from '../../../../shared/security/separation';
import { vaultExists } from '../../services/vaultAdmin';
import { CliError, exitCodes } from '../exitCodes';
import { obtainSecret, readSecretFile } from '../secrets';
import { flag, optionalString, requiredString, type CliCommand } from '../types';

const help = `Usage: offramp vault restore --from BACKUP --vault DIR
         (--passphrase-file F [--user NAME] | --recovery-key-file F)
         [--force-overwrite --reason TEXT] [--json]

Restores a backup folder written by "offramp vault backup" into DIR. Every file
is checked against the backup's manifest, and the database is opened,
integrity-checked, audit-verified and brought up to this version's schema in a
staging folder before it is put in place. A damaged backup, a wrong passphrase
or a backup from a newer Offramp changes nothing.

DIR must be new or empty, unless --force-overwrite is given with a --reason
(kept on the restore's audit event): then the vault in DIR is replaced, and everything recorded in it since the backup is lost (cases
it disposed of since are disposed of again in the restored vault, if it can be
read with the same credentials).

Options:
  --from BACKUP          the backup folder (offramp-backup-…)
  --vault DIR            where the vault goes
  --passphrase-file F    first line: the passphrase of a user in the backup
  --user NAME            whose passphrase it is (default: the user it opens)
  --recovery-key-file F  first line: the vault's recovery key, instead of a passphrase
  --force-overwrite      replace the vault in DIR
  --reason TEXT          why the vault is replaced (needed with --force-overwrite
                         over a vault; kept on the restore's audit event)
  --json                 print the result as JSON

Exit codes: 0 restored; 1 reading or writing failed; 2 usage, DIR holds a vault
(without --force-overwrite, or without a --reason) or the backup is from a newer Offramp; 3 wrong
passphrase or recovery key; 4 the backup is damaged (truncated or altered).
`;

export const vaultRestoreCommand: CliCommand = {
  path: ['vault', 'restore'],
  summary: 'Restore a verified backup into a new folder, or over a vault with --force-overwrite',
  help,
  options: {
    from: { type: 'string' },
    vault: { type: 'string' },
    'passphrase-file': { type: 'string' },
    user: { type: 'string' },
    'recovery-key-file': { type: 'string' },
    'force-overwrite': { type: 'boolean' },
    reason: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const from = resolve(io.cwd, requiredString(args, 'from', 'vault restore'));
    const target = resolve(io.cwd, requiredString(args, 'vault', 'vault restore'));
    const recoveryFile = optionalString(args, 'recovery-key-file');
    const passphraseFile = optionalString(args, 'passphrase-file');
    const user = optionalString(args, 'user');
    if (recoveryFile !== undefined && (passphraseFile !== undefined || user !== undefined)) {
      throw new CliError(exitCodes.usage, 'Give either --recovery-key-file or a passphrase (--passphrase-file, --user), not both.');
    }
    if (!flag(args, 'force-overwrite') && vaultExists(target)) {
      throw new CliError(exitCodes.usage, `${target} already holds a vault. Restore into a new folder, or add --force-overwrite to replace it (everything recorded in it since the backup is lost).`);
    }
    const reason = optionalString(args, 'reason')?.trim();
    if (reason !== undefined && reason.length > 2000) throw new CliError(exitCodes.usage, '--reason: at most 2000 characters. Nothing was changed.');
    if (flag(args, 'force-overwrite') && vaultExists(target) && (reason ?? '').length < MIN_DECISION_REASON) {
      throw new CliError(exitCodes.usage, `Replacing the vault in ${target} needs --reason: at least ${MIN_DECISION_REASON} characters saying why. Nothing was changed.`);
    }
    const credentials: RestoreCredentials =
      recoveryFile !== undefined
        ? { recoveryKey: readSecretFile(recoveryFile, io, 'recovery key') }
        : { passphrase: await obtainSecret(passphraseFile, io, 'Passphrase of a user in the backup: '), ...(user === undefined ? {} : { userName: user }) };
    const result = await restoreBackup({ from, target, replace: flag(args, 'force-overwrite'), ...(reason === undefined ? {} : { reason }), credentials, appVersion: appVersion(), now: () => new Date() });
    if (flag(args, 'json')) {
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      return exitCodes.ok;
    }
    const lines = [
      `Restored ${result.backupName} (made ${result.backupCreatedAt}) into ${result.vaultDir}: ${result.cases} cases, schema ${result.schemaFrom}${result.schemaTo === result.schemaFrom ? '' : ` → ${result.schemaTo}`}.`,
    ];
    if (result.dispositionsReapplied > 0) lines.push(`${result.dispositionsReapplied} case(s) disposed of after the backup were disposed of again.`);
    if (result.replaced && !result.dispositionsChecked) {
      lines.push('The replaced vault could not be read, so dispositions made after the backup could not be carried forward: check the disposition certificates.');
    }
    lines.push('Unlock the vault as usual.');
    io.stdout(`${lines.join('\n')}\n`);
    return exitCodes.ok;
  },
};
