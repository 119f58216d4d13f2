import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { AppError } from '../../../shared/contract';
import type { Db } from '../vault/database';
import { getSetting } from '../vault/settings';

/**
 * The workstation's Ed25519 packet-signing key. The vault creates it (settings
 * `signing_private_key` / `signing_public_key`, PEM); the private half never leaves
 * the encrypted database. A key is named by its fingerprint: the SHA-256 of its DER
 * SubjectPublicKeyInfo, which a recipient can recompute with standard tools:
 * `openssl pkey -pubin -in signer.pem -outform DER | sha256sum`.
 */
export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  readonly fingerprint: string;
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

export function workstationKey(db: Db): SigningKey {
  const privatePem = getSetting(db, 'signing_private_key');
  const publicPem = getSetting(db, 'signing_public_key');
  if (privatePem === undefined || publicPem === undefined) {
    throw new AppError('integrity', 'This vault has no packet-signing key; it cannot sign referral packets.');
  }
  const privateKey = createPrivateKey({ key: privatePem, format: 'pem' });
  const publicKey = createPublicKey(privateKey);
  if (publicKey.asymmetricKeyType !== 'ed25519' || fingerprintOf(publicKey) !== fingerprintOf(createPublicKey(publicPem))) {
    throw new AppError('integrity', 'The vault’s packet-signing key pair does not match; it cannot sign referral packets.');
  }
  return { privateKey, publicKeyPem: publicKeyPem(publicKey), fingerprint: fingerprintOf(publicKey) };
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
