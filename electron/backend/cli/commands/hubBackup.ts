import { resolve } from 'node:path';
import { appVersion } from '../../appVersion';
import { backUpHub } from '../../services/hubBackup';
import { exitCodes } from '../exitCodes';
import { hubOptions, hubOptionsHelp, hubTarget } from '../hubLogin';
import { unlockPassphrase } from '../openVault';
import { flag, requiredString, type CliCommand } from '../types';

const command = 'hub backup';

const help = `Usage: offramp hub backup --hub postgresql://HOST[:PORT]/DATABASE --ca CA.pem
                      --user PM --passphrase-file FILE
                      --to DIR --recipient AGE_PUBLIC_KEY [--json]

Backs up the hub database to a folder (e.g. a removable volume) as
offramp-hub-backup-<database>-<time>/ holding hub.dump.age (pg_dump's custom
format, encrypted with age to the recipient as it is produced: no plaintext
dump is ever written) and backup.json (schema version, size and SHA-256 of
hub.dump.age, and the audit log's event count and head hash in the same
snapshot as the dump). The folder is written under a temporary name,
flushed, renamed, then read back and checked before the command reports
success. Only a program manager can; the hub records anyone else's attempt.

Options:
${hubOptionsHelp}
  --user PM                your hub login (a program manager)
  --passphrase-file FILE   your password on the file's first line; without it
                           you are asked on the terminal
  --to DIR                 the folder to write the backup folder into
  --recipient KEY          the age public key (age1…) the backup is encrypted
                           to; its identity alone opens it
  --json                   print the manifest and the folder as JSON

Exit codes: 0 written and verified; 1 the server cannot be reached or writing
failed (nothing is left on the medium); 2 bad input; 3 the server refused your
login; 4 the server's certificate does not verify against CA.pem, or the copy
read back differs; 5 you are not a program manager.
`;

export const hubBackupCommand: CliCommand = {
  path: ['hub', 'backup'],
  summary: 'Back up the hub database, encrypted to an age key, to a folder (program manager)',
  help,
  options: {
    ...hubOptions,
    user: { type: 'string' },
    'passphrase-file': { type: 'string' },
    to: { type: 'string' },
    recipient: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const target = hubTarget(args, io, command);
    const user = requiredString(args, 'user', command);
    const targetDir = resolve(io.cwd, requiredString(args, 'to', command));
    const recipient = requiredString(args, 'recipient', command).trim();
    const password = await unlockPassphrase(args, io, user);
    const result = await backUpHub({ ...target, user, password }, targetDir, recipient, { appVersion: appVersion(), now: () => new Date() });
    const m = result.manifest;
    if (flag(args, 'json')) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      const file = m.files[0];
      io.stdout(
        `Hub backup written and verified: ${result.path}\n  ${m.cases} cases, ${((file?.bytes ?? 0) / 1024 / 1024).toFixed(1)} MiB, schema ${m.schemaVersion}, ${m.audit.events} audit events up to ${m.audit.headSeq}\n  SHA-256 of hub.dump.age: ${file?.sha256 ?? ''}\n`,
      );
    }
    return exitCodes.ok;
  },
};
