import { storeOf } from '../data';
import { orphanRows } from '../data/integrity';
import { currentUserNames } from '../data/users';
import { appendAudit, verifyAudit, type AuditVerification } from '../vault/audit';
import { integrityProblems, type Db } from '../vault/database';
import { readHeader } from '../vault/keyslots';
import { schemaVersion } from '../vault/migrations';

/**
 * The deep check of a vault: the database's integrity and foreign keys, the
 * audit chain, and that every user has exactly one keyslot. Opened with a
 * user's passphrase or with the recovery key.
 */

export { openWithRecoveryKey } from '../vault/vault';

export interface VaultCheckReport {
  ok: boolean;
  schemaVersion: number;
  database: { ok: boolean; problems: string[] };
  audit: AuditVerification;
  keyslots: { ok: boolean; users: number; slots: number; problems: string[] };
}

async function databaseProblems(db: Db): Promise<string[]> {
  try {
    const problems = integrityProblems(db);
    const orphans = await orphanRows(storeOf({ db }).q, 10);
    for (const o of orphans) problems.push(`row ${o.rowid} of ${o.table} points to a missing row of ${o.parent}`);
    return problems;
  } catch (error) {
    // A page that fails its authentication check cannot be read at all.
    return [`the database cannot be read through (${error instanceof Error ? error.message : String(error)})`];
  }
}

async function keyslotProblems(db: Db, dir: string): Promise<VaultCheckReport['keyslots']> {
  const users = await currentUserNames(storeOf({ db }).q);
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
export async function checkVault(db: Db, dir: string, actor: string): Promise<VaultCheckReport> {
  const database = await databaseProblems(db);
  const audit = verifyAudit(db);
  const keyslots = await keyslotProblems(db, dir);
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
