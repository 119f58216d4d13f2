import { checkVault, openWithRecoveryKey, type VaultCheckReport } from '../../services/vaultCheck';
import { CliError, exitCodes } from '../exitCodes';
import { chooseUser, existingVaultDir, unlockOptions, unlockOptionsHelp, unlockPassphrase, withUnlockedSession } from '../openVault';
import { readSecretFile } from '../secrets';
import { flag, optionalString, type CliCommand, type CliIo } from '../types';

const command = 'vault check';

const help = `Usage: offramp vault check --vault DIR [--user NAME] [--passphrase-file FILE] [--json]
       offramp vault check --vault DIR --recovery-key-file KEYFILE [--json]

Unlocks the vault (with a user's passphrase, or with the recovery key alone) and
checks it:
  database   SQLite's integrity check over every page (each page's SQLCipher
             authentication code is verified as it is read) and the foreign keys;
  audit log  the hash chain from the first event to the last;
  keyslots   every user of the database has exactly one keyslot and every
             keyslot belongs to a user.
Prints a summary; the check itself is recorded in the audit log.

Options:
${unlockOptionsHelp}
  --recovery-key-file KEYFILE  open with the recovery key on the file's first
                           line instead of a passphrase (64 hex digits; spaces
                           and dashes ignored)
  --json                   print { "ok", "schemaVersion", "database", "audit",
                           "keyslots" } instead of text

Exit codes: 0 every check passed; 4 a check failed (the message says which and
where); 3 wrong user name, passphrase or recovery key; 2 no vault at DIR, or
both --passphrase-file and --recovery-key-file.

Example:
  offramp vault check --vault /srv/offramp/vault --user "Dana Whitfield" --passphrase-file pass.txt
`;

function failures(report: VaultCheckReport): string[] {
  const found: string[] = [];
  if (!report.database.ok) {
    const n = report.database.problems.length;
    found.push(`the database integrity check found ${plural(n, 'problem')} (first: ${report.database.problems[0] ?? '?'})`);
  }
  if (report.audit.firstBroken !== null) found.push(`the audit log is broken at event ${report.audit.firstBroken.seq}: ${report.audit.firstBroken.reason}`);
  if (!report.keyslots.ok) found.push(`the keyslots do not match the users (${report.keyslots.problems.join('; ')})`);
  return found;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function summary(dir: string, report: VaultCheckReport): string {
  const state = (ok: boolean) => (ok ? 'ok' : 'FAILED');
  return [
    `Vault ${dir} (schema version ${report.schemaVersion}):`,
    `  database   ${state(report.database.ok)}${report.database.ok ? '' : ` (${plural(report.database.problems.length, 'problem')})`}`,
    `  audit log  ${state(report.audit.ok)} (${plural(report.audit.events, 'event')} checked${report.audit.firstBroken === null ? '' : `; broken at event ${report.audit.firstBroken.seq}`})`,
    `  keyslots   ${state(report.keyslots.ok)} (${plural(report.keyslots.users, 'user')}, ${plural(report.keyslots.slots, 'keyslot')})`,
    '',
  ].join('\n');
}

function print(io: CliIo, json: boolean, dir: string, report: VaultCheckReport): number {
  io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : summary(dir, report));
  const found = failures(report);
  if (found.length === 0) return exitCodes.ok;
  throw new CliError(exitCodes.integrity, `The vault check failed: ${found.join('; ')}.`);
}

export const vaultCheckCommand: CliCommand = {
  path: ['vault', 'check'],
  summary: 'Unlock and check a vault: database integrity, audit chain, keyslots',
  help,
  options: { ...unlockOptions, 'recovery-key-file': { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const dir = existingVaultDir(args, io, command);
    const json = flag(args, 'json');
    const keyFile = optionalString(args, 'recovery-key-file');
    if (keyFile !== undefined) {
      if (optionalString(args, 'passphrase-file') !== undefined || optionalString(args, 'user') !== undefined) {
        throw new CliError(exitCodes.usage, `Give either --recovery-key-file or a user's passphrase, not both. See "offramp ${command} --help".`);
      }
      const db = openWithRecoveryKey(dir, readSecretFile(keyFile, io, 'recovery key'));
      try {
        // No user signs in with the recovery key; the name cannot clash with a
        // user's, which may not contain parentheses.
        return print(io, json, dir, await checkVault(db, dir, '(recovery key)'));
      } finally {
        db.close();
      }
    }
    const user = chooseUser(dir, args, command);
    const passphrase = await unlockPassphrase(args, io, user);
    const report = await withUnlockedSession(dir, user, passphrase, io, (session) => checkVault(session.db, dir, session.user.name));
    return print(io, json, dir, report);
  },
};
