import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/contract';
import { roleSchema, type Role } from '../../../shared/domain/ids';
import { auditDetailsOfAction, firstAuditDetailOfAction } from '../data/sqlcipher/auditEvents';
import { grantedUserKeys, grantsBy, insertRoleGrant, lastRoleGrantHash, roleGrantRows } from '../data/sqlcipher/roleGrants';
import { currentUsersByName } from '../data/sqlcipher/vaultUsers';
import { appendAudit } from './audit';
import type { Db } from './database';
import { isUserSlot, type Header } from './keyslots';
import { getSetting, setSetting } from './settings';

/**
 * Role grants a holder of the database key cannot forge. Every grant (and every
 * removal) of a user's role is a record signed with the Ed25519 key of the
 * program manager who made it and chained by hash to the record before it; the
 * first record is the creator's self-signed grant, and the creator's public key
 * is pinned three times: in the keyslot header, in the database's settings, and
 * in the (hash-chained, anchored) audit event that established the chain. At
 * every unlock, and again before a program manager's action, the chain is
 * verified from the pinned key and each user's role is taken from their
 * verified grant; a users table that disagrees, a broken link or signature, or a
 * grant signed by someone who was not a program manager at that point is an
 * integrity failure naming the user.
 */

export const GRANT_KEY_SETTING = 'grants_creator_key';
export const GRANTS_ESTABLISHED = 'grants.established';
export const GRANT_SIGNED = 'grants.signed';
const GENESIS = '0'.repeat(64);
/**
 * Who signs a grant made with the recovery key (vault.recover): no user can be
 * named so (user names start with a letter or digit). Such a grant is accepted
 * only as a program manager's new key of their own, self-signed by that key.
 */
export const RECOVERY_GRANTOR = '(recovery key)';

export interface GrantRecord {
  kind: 'grant' | 'removal';
  vaultId: string;
  userName: string;
  role: Role | null;
  /** The user's Ed25519 public key (SPKI DER, base64, as in their keyslot). */
  userKey: string;
  grantedBy: string;
  signerKey: string;
  at: string;
  prevHash: string;
}

/** A record as stored: its role is the stored text, checked against the known roles as the chain is walked. */
interface StoredGrant extends Omit<GrantRecord, 'role'> {
  role: string | null;
  seq: number;
  hash: string;
  signature: string;
}

export interface VerifiedUser {
  name: string;
  role: Role;
  userKey: string;
}

/** The bytes a grant's signature and hash cover (of a stored record too, whose role is not yet checked). */
export function grantPayload(g: Omit<GrantRecord, 'role'> & { role: string | null }): Buffer {
  return Buffer.from(JSON.stringify(['offramp-grant:v1', g.kind, g.vaultId, g.userName, g.role, g.userKey, g.grantedBy, g.signerKey, g.at, g.prevHash]), 'utf8');
}

export function grantHash(g: Omit<GrantRecord, 'role'> & { role: string | null }): string {
  return createHash('sha256').update(grantPayload(g)).digest('hex');
}

const fold = (name: string) => name.normalize('NFC').toLowerCase();

/** A signing key's public half as stored in keyslots and grants (SPKI DER, base64). */
export function publicKeyText(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
}

function readGrants(db: Db): StoredGrant[] {
  return roleGrantRows(db).map((r) => ({
    seq: r.seq,
    kind: r.kind === 'removal' ? 'removal' : 'grant',
    vaultId: r.vault_id,
    userName: r.user_name,
    role: r.role,
    userKey: r.user_key,
    grantedBy: r.granted_by,
    signerKey: r.signer_key,
    at: r.at,
    prevHash: r.prev_hash,
    hash: r.hash,
    signature: r.signature,
  }));
}

function signatureHolds(g: StoredGrant): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(g.signerKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, grantPayload(g), key, Buffer.from(g.signature, 'base64'));
  } catch {
    return false;
  }
}

const refused = (user: string, why: string) =>
  new AppError('integrity', `The role of ${user} cannot be trusted: ${why} Nothing was done as ${user}; a program manager must investigate (the database was written outside Offramp).`);

/** The read of one action's audit events in order, through audit_action (migration 0021), never by walking the whole log. */
export { auditEventsOfActionSql } from '../data/sqlcipher/auditEvents';

const establishedDetail = z.object({ creatorKey: z.string() });

/** The creator key the audit log recorded when the grant chain was established (null: that event names none). */
function auditedCreatorKey(db: Db): string | null | undefined {
  const text = firstAuditDetailOfAction(db, GRANTS_ESTABLISHED);
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const detail = establishedDetail.safeParse(parsed);
  return detail.success ? detail.data.creatorKey : null;
}

/**
 * Walks the grant chain from the pinned creator key. Returns null when the vault
 * has no chain yet (created before grants, not yet unlocked by a program
 * manager); otherwise the verified users, by folded name. Throws `integrity`
 * naming the user whose record does not verify.
 */
export function verifyGrantChain(db: Db, header: Header): Map<string, VerifiedUser> | null {
  const pinnedDb = getSetting(db, GRANT_KEY_SETTING);
  const audited = auditedCreatorKey(db);
  const grants = readGrants(db);
  const pinnedHeader = header.creatorSigningKey;
  if (pinnedDb === undefined && audited === undefined && grants.length === 0) {
    if (pinnedHeader !== undefined) throw refused('the vault creator', 'the keyslot file names a creator key the database does not have.');
    return null;
  }
  const creator = grants[0];
  const who = creator?.userName ?? 'the vault creator';
  if (pinnedDb === undefined || audited === undefined || audited === null || creator === undefined) {
    throw refused(who, 'the record of who created the vault is missing from the database.');
  }
  if (pinnedDb !== audited || (pinnedHeader !== undefined && pinnedHeader !== pinnedDb)) {
    throw refused(who, "the vault creator's key pinned in the keyslot file, the database and the audit log do not agree.");
  }
  const users = new Map<string, VerifiedUser>();
  let prev = GENESIS;
  for (const g of grants) {
    if (g.vaultId !== header.vaultId) throw refused(g.userName, 'a grant belongs to another vault.');
    if (g.prevHash !== prev || grantHash(g) !== g.hash) throw refused(g.userName, 'the chain of signed grants is broken at their record.');
    if (!signatureHolds(g)) throw refused(g.userName, 'the signature on their grant does not verify.');
    const role = roleSchema.safeParse(g.role);
    if (g.kind === 'grant' && !role.success) throw refused(g.userName, 'their grant names no known role.');
    if (g === creator) {
      if (g.kind !== 'grant' || g.role !== 'program_manager' || g.signerKey !== pinnedDb || g.userKey !== pinnedDb || fold(g.grantedBy) !== fold(g.userName)) {
        throw refused(g.userName, "the first grant is not the vault creator's own, signed with the pinned key.");
      }
    } else if (g.grantedBy === RECOVERY_GRANTOR) {
      const before = users.get(fold(g.userName));
      if (g.kind !== 'grant' || g.role !== 'program_manager' || before?.role !== 'program_manager' || g.signerKey !== g.userKey) {
        throw refused(g.userName, 'a grant made with the recovery key may only give a program manager a new key of their own, and theirs does something else.');
      }
    } else {
      const granter = users.get(fold(g.grantedBy));
      if (granter === undefined || granter.role !== 'program_manager' || granter.userKey !== g.signerKey) {
        throw refused(g.userName, `their grant was signed by ${g.grantedBy}, who was not a program manager of this vault at that time.`);
      }
    }
    if (g.kind === 'grant' && role.success) users.set(fold(g.userName), { name: g.userName, role: role.data, userKey: g.userKey });
    else users.delete(fold(g.userName));
    prev = g.hash;
  }
  const chained = new Set(grants.map((g) => g.hash));
  for (const text of auditDetailsOfAction(db, GRANT_SIGNED)) {
    let detail: { user?: unknown; hash?: unknown } = {};
    try {
      detail = JSON.parse(text) as typeof detail;
    } catch {
      // An unreadable detail is caught below as a missing hash.
    }
    const user = typeof detail.user === 'string' ? detail.user : 'a user';
    if (typeof detail.hash !== 'string' || !chained.has(detail.hash)) throw refused(user, 'a signed grant or removal the audit log records is missing from the chain.');
  }
  return users;
}

/**
 * Checks the users table and the keyslots against the verified grants: every
 * current user has a grant with the same role, no grant names a user the table
 * does not have, and each version-2 keyslot's signing key is its user's granted
 * key. Throws `integrity` naming the first user who does not match.
 */
export function checkUsersAgainstGrants(db: Db, header: Header, verified: Map<string, VerifiedUser>): void {
  const rows = currentUsersByName(db);
  for (const row of rows) {
    const grant = verified.get(fold(row.name));
    if (grant === undefined) throw refused(row.name, 'the users table lists them, but no signed grant does.');
    if (grant.role !== row.role) throw refused(row.name, `the users table says ${row.role}, but their signed grant says ${grant.role}.`);
  }
  for (const grant of verified.values()) {
    if (!rows.some((r) => fold(r.name) === fold(grant.name))) throw refused(grant.name, 'a signed grant names them, but the users table does not.');
  }
  for (const slot of header.slots) {
    if (!isUserSlot(slot)) continue;
    const grant = verified.get(fold(slot.user));
    if (grant === undefined) throw refused(slot.user, 'they have a keyslot but no signed grant.');
    if (grant.userKey !== slot.signingPublicKey) throw refused(slot.user, 'the signing key in their keyslot is not the key their grant was made for.');
  }
}

/**
 * A signing key the grant chain names (SPKI DER as in the grants), found by its
 * fingerprint; with `managers`, only a key that was granted the program manager
 * role. Null when no grant names it. The chain itself is verified at unlock.
 */
export function grantedKey(db: Db, fingerprint: string, managers: boolean): KeyObject | null {
  for (const userKey of grantedUserKeys(db, managers)) {
    try {
      const key = createPublicKey({ key: Buffer.from(userKey, 'base64'), format: 'der', type: 'spki' });
      if (createHash('sha256').update(key.export({ format: 'der', type: 'spki' })).digest('hex') === fingerprint) return key;
    } catch {
      // A key that does not parse names nobody.
    }
  }
  return null;
}

/** Appends a signed record to the chain (the caller holds a transaction). */
export function appendGrant(
  db: Db,
  vaultId: string,
  input: { kind: 'grant' | 'removal'; userName: string; role: Role | null; userKey: string; grantedBy: string },
  signer: KeyObject,
  at: Date,
): void {
  const record: GrantRecord = { ...input, vaultId, signerKey: publicKeyText(signer), at: at.toISOString(), prevHash: lastRoleGrantHash(db) ?? GENESIS };
  const signature = sign(null, grantPayload(record), signer).toString('base64');
  const hash = grantHash(record);
  // The audit log (hash-chained, anchored) names every grant's hash, so a chain
  // cut short (a removal deleted from its end) is seen.
  appendAudit(db, { actor: input.grantedBy, action: GRANT_SIGNED, detail: { user: input.userName, kind: input.kind, role: input.role, hash } }, at);
  insertRoleGrant(db, {
    kind: record.kind,
    vault_id: vaultId,
    user_name: record.userName,
    role: record.role,
    user_key: record.userKey,
    granted_by: record.grantedBy,
    signer_key: record.signerKey,
    at: record.at,
    prev_hash: record.prevHash,
    hash,
    signature,
  });
}

/**
 * Starts the chain (the caller holds a transaction): the creator's self-signed
 * grant, then a grant signed by them for each other current user (a vault from
 * before grants: trust on first use), the pin in the settings and the audit
 * event that records the creator key. Returns the key to pin in the header.
 */
export function establishGrants(
  db: Db,
  header: Pick<Header, 'vaultId' | 'slots'>,
  creator: { name: string; signingKey: KeyObject },
  at: Date,
  trustOnFirstUse: boolean,
): string {
  const creatorKey = publicKeyText(creator.signingKey);
  appendGrant(db, header.vaultId, { kind: 'grant', userName: creator.name, role: 'program_manager', userKey: creatorKey, grantedBy: creator.name }, creator.signingKey, at);
  const granted: string[] = [creator.name];
  for (const user of currentUsersByName(db)) {
    if (fold(user.name) === fold(creator.name)) continue;
    const slot = header.slots.find((s) => fold(s.user) === fold(user.name));
    if (slot === undefined || !isUserSlot(slot)) continue;
    const role = roleSchema.safeParse(user.role);
    if (!role.success) throw refused(user.name, 'the users table gives them no known role.');
    appendGrant(db, header.vaultId, { kind: 'grant', userName: user.name, role: role.data, userKey: slot.signingPublicKey, grantedBy: creator.name }, creator.signingKey, at);
    granted.push(user.name);
  }
  setSetting(db, GRANT_KEY_SETTING, creatorKey);
  appendAudit(db, { actor: creator.name, action: GRANTS_ESTABLISHED, detail: { creatorKey, users: granted, trustOnFirstUse } }, at);
  return creatorKey;
}

/** The program managers whose key was replaced with the recovery key (vault.recover), oldest first. */
export function listRecoveries(db: Db): { user: string; at: string }[] {
  return grantsBy(db, RECOVERY_GRANTOR);
}
