import { appendAudit, verifyAudit, type AuditVerification } from '../../vault/audit';
import { integrityProblems, type Db } from '../../vault/database';
import { readHeader } from '../../vault/keyslots';
import { schemaVersion } from '../../vault/migrations';
import { openWithRecoveryKey } from '../../vault/vault';
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

export interface VaultCheckReport {
  ok: boolean;
  schemaVersion: number;
  database: { ok: boolean; problems: string[] };
  audit: AuditVerification;
  keyslots: { ok: boolean; users: number; slots: number; problems: string[] };
}

function databaseProblems(db: Db): string[] {
  try {
    const problems = integrityProblems(db);
    const orphans = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    for (const o of orphans.slice(0, 10)) problems.push(`row ${o.rowid} of ${o.table} points to a missing row of ${o.parent}`);
    return problems;
  } catch (error) {
    // A page that fails its authentication check cannot be read at all.
    return [`the database cannot be read through (${error instanceof Error ? error.message : String(error)})`];
  }
}

function keyslotProblems(db: Db, dir: string): VaultCheckReport['keyslots'] {
  const users = (db.prepare('SELECT name FROM users WHERE removed_at IS NULL').all() as { name: string }[]).map((u) => u.name);
  const slots = readHeader(dir).slots.map((s) => s.user);
  const key = (name: string) => name.normalize('NFC').toLowerCase();
  const problems: string[] = [];
  for (const user of users) {
    const count = slots.filter((s) => key(s) === key(user)).length;
    if (count !== 1) problems.push(`user ${user} has ${count === 0 ? 'no keyslot' : `${count} keyslots`}`);
  }
  for (const slot of slots) if (!users.some((u) => key(u) === key(slot))) problems.push(`keyslot ${slot} belongs to no user of the database`);
  return { ok: problems.length === 0, users: users.length, slots: slots.length, problems };
}

/** Runs every check, then records that it ran (ids and counts only). */
export function checkVault(db: Db, dir: string, actor: string): VaultCheckReport {
  const database = databaseProblems(db);
  const audit = verifyAudit(db);
  const keyslots = keyslotProblems(db, dir);
  const report: VaultCheckReport = {
    ok: database.length === 0 && audit.ok && keyslots.ok,
    schemaVersion: schemaVersion(db),
    database: { ok: database.length === 0, problems: database },
    audit,
    keyslots,
  };
  try {
    appendAudit(db, { actor, action: 'vault.check', detail: { ok: report.ok, database: report.database.ok, audit: audit.ok, events: audit.events, keyslots: keyslots.ok } }, new Date());
  } catch (error) {
    report.ok = false;
    report.database.ok = false;
    report.database.problems.push(`the check could not be recorded in the audit log (${error instanceof Error ? error.message : String(error)})`);
  }
  return report;
}

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
        return print(io, json, dir, checkVault(db, dir, '(recovery key)'));
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
