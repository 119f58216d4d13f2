import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { fingerprintOf, hubPublicKey, signBytes, signingKeyOf, vouchBytes, type SignerVouch } from '../packets/signing';
import { appendAudit } from './audit';
import type { Db } from './database';
import { isUserSlot, openFromUser, sealedBoxSchema, sealToUser, type KeySlot, type UserSlot } from './keyslots';
import { eraseSetting } from '../data/sqlcipher/settings';
import { currentUsers } from '../data/sqlcipher/vaultUsers';
import { getSetting, setSetting } from './settings';

/**
 * The hub key (the packet-signing key) sealed to program managers only. Its
 * private half is kept in the database as one box per program manager, sealed
 * to that manager's X25519 public key (keyslots.ts), so opening it needs a
 * program manager's passphrase, not only the database key. Every other user
 * signs packets with their own Ed25519 key and a vouch the hub key made for it
 * (packets/signing.ts). A program manager's unlock brings the boxes and the
 * vouches up to date: a box for every program manager, none for anyone else, a
 * vouch for every user; a plaintext key left by an older version is sealed and
 * then erased (with SQLite's secure delete, so its bytes are overwritten).
 */
const SEALED_SETTING = 'signing_private_key_sealed';
const VOUCH_SETTING = 'signing_vouches';
/** Where versions before sealing kept the private half, in plaintext. */
const LEGACY_SETTING = 'signing_private_key';
const PART = 'hub-signing';

const sealedMapSchema = z.record(z.string(), z.object({ user: z.string(), publicKey: z.string(), box: sealedBoxSchema }));
const vouchMapSchema = z.record(z.string(), z.object({ hub: z.string(), hubKey: z.string(), user: z.string(), signer: z.string(), signature: z.string() }));

const fold = (name: string) => name.normalize('NFC').toLowerCase();

function readJson<T>(db: Db, key: string, schema: z.ZodType<T>): T | null {
  const text = getSetting(db, key);
  if (text === undefined) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const sealedBoxes = (db: Db) => readJson(db, SEALED_SETTING, sealedMapSchema) ?? {};
const vouches = (db: Db) => readJson(db, VOUCH_SETTING, vouchMapSchema) ?? {};

/** The hub key when it matches the vault's public half; null otherwise. */
function checked(db: Db, privateKey: KeyObject): KeyObject | null {
  return privateKey.asymmetricKeyType === 'ed25519' && fingerprintOf(createPublicKey(privateKey)) === hubPublicKey(db).fingerprint ? privateKey : null;
}

/** Whether an older version's plaintext hub key is still in the database. */
export function plaintextHubKeyPresent(db: Db): boolean {
  return getSetting(db, LEGACY_SETTING) !== undefined;
}

/**
 * The hub key's private half for a user: from the box sealed to them (opened
 * with their X25519 private key), or an older version's plaintext copy. Null
 * when the user holds neither (they are not a program manager).
 */
export function openHubKey(db: Db, vaultId: string, slot: KeySlot | undefined, encryptionKey: KeyObject | null): KeyObject | null {
  if (slot !== undefined && isUserSlot(slot) && encryptionKey !== null) {
    const entry = sealedBoxes(db)[fold(slot.user)];
    if (entry !== undefined && entry.publicKey === slot.publicKey) {
      const der = openFromUser(PART, vaultId, slot, entry.box, encryptionKey);
      if (der !== null) {
        try {
          return checked(db, createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
        } finally {
          der.fill(0);
        }
      }
    }
  }
  const legacy = getSetting(db, LEGACY_SETTING);
  if (legacy === undefined) return null;
  try {
    return checked(db, createPrivateKey({ key: legacy, format: 'pem' }));
  } catch {
    return null;
  }
}

/** The vouch the hub key made for a user's signing key (SPKI DER, base64), or null. */
export function vouchFor(db: Db, user: string, signingPublicKey: string): SignerVouch | null {
  const entry = vouches(db)[fold(user)];
  if (entry === undefined || entry.signer !== signingPublicKey) return null;
  return { hub: entry.hub, hubKey: entry.hubKey, user: entry.user, signature: entry.signature };
}

function signerFingerprint(signingPublicKey: string): string {
  return fingerprintOf(createPublicKey({ key: Buffer.from(signingPublicKey, 'base64'), format: 'der', type: 'spki' }));
}

/**
 * Brings the boxes and vouches in line with the users table (the caller holds
 * a transaction, and has verified the roles against the signed grants): a box
 * for every program manager with a current keyslot and for nobody else, a vouch
 * for every user's signing key, and no plaintext copy once a box exists. A
 * change is audited (`record` false: the new vault's own creation event covers it).
 */
export function settleHubKey(db: Db, vaultId: string, hub: KeyObject, slots: readonly KeySlot[], actor: string, at: Date, record = true): void {
  const users = currentUsers(db);
  const slotOf = (name: string) => slots.find((s): s is UserSlot => isUserSlot(s) && fold(s.user) === fold(name));
  const before = sealedBoxes(db);
  const der = hub.export({ format: 'der', type: 'pkcs8' });
  const boxes: z.infer<typeof sealedMapSchema> = {};
  const sealedTo: string[] = [];
  try {
    for (const user of users) {
      const slot = slotOf(user.name);
      if (user.role !== 'program_manager' || slot === undefined) continue;
      const existing = before[fold(user.name)];
      if (existing !== undefined && existing.publicKey === slot.publicKey) {
        boxes[fold(user.name)] = existing;
      } else {
        boxes[fold(user.name)] = { user: slot.user, publicKey: slot.publicKey, box: sealToUser(PART, vaultId, slot, der) };
        sealedTo.push(slot.user);
      }
    }
  } finally {
    der.fill(0);
  }
  const dropped = Object.keys(before).filter((k) => boxes[k] === undefined);
  if (sealedTo.length > 0 || dropped.length > 0) setSetting(db, SEALED_SETTING, JSON.stringify(boxes));

  const signing = signingKeyOf(hub);
  const current = vouches(db);
  const next: z.infer<typeof vouchMapSchema> = {};
  let vouchesChanged = false;
  for (const user of users) {
    const slot = slotOf(user.name);
    if (slot === undefined) continue;
    const existing = current[fold(user.name)];
    if (existing !== undefined && existing.signer === slot.signingPublicKey && existing.hub === signing.fingerprint) {
      next[fold(user.name)] = existing;
      continue;
    }
    const signature = signBytes(signing, vouchBytes(signing.fingerprint, slot.user, signerFingerprint(slot.signingPublicKey))).toString('base64');
    next[fold(user.name)] = { hub: signing.fingerprint, hubKey: signing.publicKeyPem, user: slot.user, signer: slot.signingPublicKey, signature };
    vouchesChanged = true;
  }
  if (vouchesChanged || Object.keys(current).some((k) => next[k] === undefined)) setSetting(db, VOUCH_SETTING, JSON.stringify(next));

  const erase = plaintextHubKeyPresent(db) && Object.keys(boxes).length > 0;
  if (erase) eraseSetting(db, LEGACY_SETTING);
  if (record && (sealedTo.length > 0 || dropped.length > 0 || erase)) {
    appendAudit(db, { actor, action: 'packet.key_sealed', detail: { sealedTo, removedFrom: dropped.map((k) => before[k]?.user ?? k), plaintextErased: erase } }, at);
  }
}
