import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { AppError } from '../../../shared/contract';
import type { Db } from '../vault/database';
import { getSetting } from '../vault/settings';

/**
 * The workstation's Ed25519 packet-signing key (the hub key). The vault creates
 * it; its public half is the setting `signing_public_key` (PEM), and its private
 * half is sealed to each program manager's own key pair (vault/hubKey.ts), so a
 * holder of the database key alone cannot read it. Another user signs with their
 * own key and carries the hub key's vouch for it (SignerVouch). A key is named by
 * its fingerprint: the SHA-256 of its DER SubjectPublicKeyInfo, which a
 * recipient can recompute with standard tools:
 * `openssl pkey -pubin -in signer.pem -outform DER | sha256sum`.
 */
export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  readonly fingerprint: string;
  /** Set when the key is a user's own: the hub key's statement that it speaks for the hub. */
  readonly vouch?: SignerVouch;
}

/**
 * The hub key's signature over "this user's key signs for this hub": lets a
 * user who does not hold the hub key sign packets a recipient still trusts
 * through the hub's pinned fingerprint.
 */
export interface SignerVouch {
  /** The hub key's fingerprint (what a recipient pins). */
  readonly hub: string;
  /** The hub key, SPKI PEM. */
  readonly hubKey: string;
  readonly user: string;
  /** Ed25519 by the hub key over vouchBytes(hub, user, signer fingerprint), base64. */
  readonly signature: string;
}

export function fingerprintOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex');
}

/** Parses a PEM public key and insists on Ed25519; null when it is anything else. */
export function parseSignerPem(pem: string): KeyObject | null {
  try {
    const key = createPublicKey({ key: pem, format: 'pem' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/** The public key as written into packets and shown for pinning: SPKI PEM. */
export function publicKeyPem(key: KeyObject): string {
  return key.export({ format: 'pem', type: 'spki' }).toString();
}

/** A signing key from its private half. */
export function signingKeyOf(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKeyPem: publicKeyPem(publicKey), fingerprint: fingerprintOf(publicKey) };
}

/** The hub key's public half (what recipients pin, what the vault's own signatures are checked with). */
export function hubPublicKey(db: Db): { fingerprint: string; publicKeyPem: string } {
  const publicPem = getSetting(db, 'signing_public_key');
  const key = publicPem === undefined ? null : parseSignerPem(publicPem);
  if (key === null) throw new AppError('integrity', 'This vault has no packet-signing key; it cannot sign or check referral packets.');
  return { fingerprint: fingerprintOf(key), publicKeyPem: publicKeyPem(key) };
}

/** The exact bytes a vouch's signature covers. */
export function vouchBytes(hub: string, user: string, signerFingerprint: string): Buffer {
  return Buffer.from(`offramp-signer-vouch/v1\n${JSON.stringify([hub, user, signerFingerprint])}`, 'utf8');
}

/** Whether the vouch is the hub key's, made for exactly this signer key. */
export function vouchHolds(vouch: SignerVouch, signerFingerprint: string): boolean {
  const hubKey = parseSignerPem(vouch.hubKey);
  if (hubKey === null || fingerprintOf(hubKey) !== vouch.hub) return false;
  return verifyBytes(hubKey, vouchBytes(vouch.hub, vouch.user, signerFingerprint), Buffer.from(vouch.signature, 'base64'));
}

/** A detached Ed25519 signature (64 bytes) of the exact bytes. */
export function signBytes(key: SigningKey, bytes: Uint8Array): Buffer {
  return sign(null, bytes, key.privateKey);
}

export function verifyBytes(publicKey: KeyObject, bytes: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, bytes, publicKey, signature);
  } catch {
    return false;
  }
}
