import { createPublicKey } from 'node:crypto';
import { auditHashAt, countAuditEvents } from '../data/sqlcipher/auditEvents';
import { hubPublicKey, signBytes, verifyBytes, type SigningKey } from '../packets/signing';
import { grantedKey } from './grants';
import { verifyAudit, type AuditVerification } from './audit';
import type { Db } from './database';
import { getSetting, setSetting } from './settings';

/**
 * Incremental audit verification. After a whole walk, the vault stores a signed
 * mark "verified up to event N, whose hash is H" (a settings row). The next
 * verification checks the mark's signature and that event N still has hash H,
 * then walks only the events after N.
 *
 * What the mark catches, and what it does not:
 * - Events before N deleted or rewritten and the rest re-chained (what a holder
 *   of the database key must do to hide a change): event N's hash changes, so
 *   the mark's hash check fails.
 * - An event before N altered in place WITHOUT re-chaining: event N keeps its
 *   hash, so only a full walk (`--full`) finds the event whose content no longer
 *   matches its hash.
 * - Re-chaining AND re-signing the mark: the mark is signed with the verifying
 *   user's own key, which is not in the database; a mark signed by a key no
 *   grant names is ignored (the whole log is walked again), which a re-chained
 *   log passes, so only an anchor kept outside the vault finds that (anchor.ts).
 */
const SETTING = 'audit_verified_mark';
const LABEL = 'offramp-audit-mark/v1';

export interface AuditMark {
  seq: number;
  hash: string;
  at: string;
  fingerprint: string;
  signature: string;
}

function markBytes(mark: { seq: number; hash: string; at: string }): Buffer {
  return Buffer.from(`${LABEL}\n${JSON.stringify([mark.seq, mark.hash, mark.at])}`, 'utf8');
}

export type MarkState = { kind: 'none' } | { kind: 'valid'; mark: AuditMark } | { kind: 'invalid'; reason: string };

export function readAuditMark(db: Db): MarkState {
  const text = getSetting(db, SETTING);
  if (text === undefined) return { kind: 'none' };
  try {
    const mark = JSON.parse(text) as AuditMark;
    if (!Number.isInteger(mark.seq) || mark.seq < 1 || typeof mark.hash !== 'string' || typeof mark.at !== 'string' || typeof mark.signature !== 'string') {
      return { kind: 'invalid', reason: 'the verified-up-to mark is malformed' };
    }
    const hub = hubPublicKey(db);
    const key = mark.fingerprint === hub.fingerprint ? createPublicKey(hub.publicKeyPem) : grantedKey(db, mark.fingerprint, false);
    // A mark by a key no grant names proves nothing: walk the whole log.
    if (key === null) return { kind: 'none' };
    if (!verifyBytes(key, markBytes(mark), Buffer.from(mark.signature, 'base64'))) {
      return { kind: 'invalid', reason: 'the verified-up-to mark does not carry a valid signature' };
    }
    return { kind: 'valid', mark };
  } catch {
    return { kind: 'invalid', reason: 'the verified-up-to mark is malformed' };
  }
}

/** Stores a mark for the log's current head, signed with the verifying user's own key (call after a whole walk). */
export function writeAuditMark(db: Db, head: { seq: number; hash: string }, key: SigningKey, now: Date): void {
  if (head.seq < 1) return;
  const body = { seq: head.seq, hash: head.hash, at: now.toISOString() };
  const mark: AuditMark = { ...body, fingerprint: key.fingerprint, signature: signBytes(key, markBytes(body)).toString('base64') };
  setSetting(db, SETTING, JSON.stringify(mark));
}

export interface IncrementalVerification extends AuditVerification {
  /** The event the walk continued from (0: from the start). */
  from: number;
  /** How many events were walked. */
  walked: number;
}

/**
 * Verifies the log from the stored mark (or from the start with `full`, or when
 * there is no mark). A mark whose signature fails, or whose event no longer has
 * its hash, is a broken log at that event.
 */
export function verifyAuditIncremental(db: Db, options: { full?: boolean } = {}): IncrementalVerification {
  const state: MarkState = options.full === true ? { kind: 'none' } : readAuditMark(db);
  if (state.kind === 'invalid') {
    return { ok: false, events: countAuditEvents(db), firstBroken: { seq: 0, reason: state.reason }, from: 0, walked: 0 };
  }
  if (state.kind === 'valid') {
    const { mark } = state;
    const hash = auditHashAt(db, mark.seq);
    if (hash === undefined || hash !== mark.hash) {
      const events = countAuditEvents(db);
      const reason = hash === undefined ? 'it is missing, though it was verified before (events were removed)' : 'its hash changed since it was verified (events up to it were rewritten)';
      return { ok: false, events, firstBroken: { seq: mark.seq, reason }, from: mark.seq, walked: 0 };
    }
    const result = verifyAudit(db, { seq: mark.seq, hash: mark.hash });
    return { ...result, from: mark.seq, walked: result.events - mark.seq };
  }
  const result = verifyAudit(db);
  return { ...result, from: 0, walked: result.events };
}
