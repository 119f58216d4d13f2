import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/contract';
import { auditHashAt, lastAuditEvent } from '../data/sqlcipher/auditEvents';
import { fingerprintOf, hubPublicKey, signBytes, verifyBytes, type SigningKey } from '../packets/signing';
import { grantedKey } from './grants';
import type { Db } from './database';
import { getSetting } from './settings';

/**
 * Audit anchors: a signed statement of the audit log's head (how many events,
 * the hash of the last one) kept OUTSIDE the vault — on removable media, in
 * every backup folder, in every referral packet's manifest and on every printed
 * summary. The log is hash-chained inside the database, so a holder of the
 * database key can delete or rewrite events and re-chain the rest; an earlier
 * anchor then no longer matches (fewer events than it records, or another hash
 * at its position), and `offramp audit verify --anchor FILE` says so.
 *
 * Anchors are signed with Ed25519 with the maker's own key (their keyslot's
 * signing key, never in the database in the clear), and an anchor counts only
 * when the signed grant chain made that key a program manager's: a holder of
 * the database key cannot make one. Anchors made before users had key pairs
 * were signed with the vault's packet-signing key and are still accepted.
 */
export const ANCHOR_FORMAT = 'offramp-audit-anchor';

export interface AuditHead {
  /** The number of events (the sequence number of the last one; they are contiguous from 1). */
  events: number;
  /** The hash of the last event ('' when the log is empty). */
  hash: string;
}

export interface AnchorPayload {
  format: typeof ANCHOR_FORMAT;
  version: 1;
  vaultId: string;
  events: number;
  headHash: string;
  at: string;
  /** The user who made it. */
  madeBy: string;
}

export interface SignedAnchor extends AnchorPayload {
  signer: { fingerprint: string; publicKeyPem: string };
  /** Ed25519 over anchorSigningBytes(payload), base64. */
  signature: string;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const signedAnchorSchema = z
  .object({
    format: z.literal(ANCHOR_FORMAT),
    version: z.literal(1),
    vaultId: z.string().min(1).max(200),
    events: z.number().int().min(0),
    headHash: z.union([hex64, z.literal('')]),
    at: z.string().max(40),
    madeBy: z.string().max(200),
    signer: z.object({ fingerprint: hex64, publicKeyPem: z.string().max(1000) }).strict(),
    signature: z.string().max(200),
  })
  .strict();

/** The exact bytes an anchor's signature covers: a domain label, then the fields in a fixed order. */
export function anchorSigningBytes(payload: AnchorPayload): Buffer {
  return Buffer.from(`${ANCHOR_FORMAT}/v${payload.version}\n${JSON.stringify([payload.vaultId, payload.events, payload.headHash, payload.at, payload.madeBy])}`, 'utf8');
}

export function auditHead(db: Db): AuditHead {
  const last = lastAuditEvent(db);
  return { events: last?.seq ?? 0, hash: last?.hash ?? '' };
}

/** The short form printed on summaries and shown on screens: event count and the first 12 hex digits of the head. */
export function shortHead(head: AuditHead): string {
  return `audit ${head.events}:${head.hash.slice(0, 12) || '—'}`;
}

/** Signs an anchor payload with the maker's own key (vault.ts userSigningKey). */
export function signAnchor(key: SigningKey, payload: AnchorPayload): SignedAnchor {
  return { ...payload, signer: { fingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem }, signature: signBytes(key, anchorSigningBytes(payload)).toString('base64') };
}

/** A signed anchor of the log's current head. */
export function makeAnchor(session: { db: Db; user: { name: string } }, key: SigningKey, now: Date): SignedAnchor {
  const head = auditHead(session.db);
  const vaultId = getSetting(session.db, 'vault_id') ?? '';
  return signAnchor(key, { format: ANCHOR_FORMAT, version: 1, vaultId, events: head.events, headHash: head.hash, at: now.toISOString(), madeBy: session.user.name });
}

/** Reads an anchor file's text; a malformed one is invalid input naming `where`. */
export function parseAnchor(text: string, where: string): SignedAnchor {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('invalid_input', `${where} is not an audit anchor (not JSON).`);
  }
  const parsed = signedAnchorSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('invalid_input', `${where} is not an audit anchor (${issue?.path.join('.') || 'its shape'}: ${issue?.message ?? 'invalid'}).`);
  }
  return parsed.data;
}

/** Whether the signature is valid for the key the anchor names. */
export function anchorSignatureValid(anchor: SignedAnchor): boolean {
  try {
    const key = createPublicKey(anchor.signer.publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519' || fingerprintOf(key) !== anchor.signer.fingerprint) return false;
    return verifyBytes(key, anchorSigningBytes(anchor), Buffer.from(anchor.signature, 'base64'));
  } catch {
    return false;
  }
}

export interface AnchorCheck {
  ok: boolean;
  /** Why the log does not extend the anchor; null when it does. */
  problem: string | null;
}

/**
 * Whether the vault's log extends the anchor: same vault, signed by a program
 * manager's key the grant chain names (or the vault's own older signing key), at least as many events, and the same hash at the
 * anchor's position.
 */
export function checkAnchor(db: Db, anchor: SignedAnchor): AnchorCheck {
  const fail = (problem: string): AnchorCheck => ({ ok: false, problem });
  if (!anchorSignatureValid(anchor)) return fail('the anchor’s signature does not verify (the file was altered)');
  const vaultId = getSetting(db, 'vault_id') ?? '';
  if (anchor.vaultId !== vaultId) return fail(`the anchor belongs to another vault (${anchor.vaultId.slice(0, 8)}…)`);
  if (anchor.signer.fingerprint !== hubPublicKey(db).fingerprint && grantedKey(db, anchor.signer.fingerprint, false) === null) {
    return fail('the anchor was signed by a key no signed grant of this vault names (not one of its users’ own keys)');
  }
  const head = auditHead(db);
  if (head.events < anchor.events) return fail(`the log has ${head.events} events, fewer than the ${anchor.events} the anchor records (events were removed)`);
  if (anchor.events === 0) return { ok: true, problem: null };
  const hash = auditHashAt(db, anchor.events);
  if (hash === undefined) return fail(`event ${anchor.events} is missing`);
  if (hash !== anchor.headHash) return fail(`event ${anchor.events} has another hash than the anchor records (events up to it were rewritten)`);
  return { ok: true, problem: null };
}
