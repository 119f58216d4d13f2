import { createHash } from 'node:crypto';
import { manifestText, PACKET_FORMAT, PACKET_FORMAT_VERSION, type PacketManifest } from '../../../shared/packets/manifest';
import { MANIFEST_FILE, SIGNATURE_FILE, SIGNER_FILE } from '../../../shared/packets/names';
import { signBytes, type SigningKey } from './signing';
import { writeUstar } from './ustar';

/** One file a packet lists in its manifest. */
export interface PacketFile {
  readonly name: string;
  readonly mediaType: string;
  readonly data: Uint8Array;
}

export type ManifestHead = Omit<PacketManifest, 'format' | 'version' | 'signer' | 'files'>;

export interface SealedArchive {
  readonly archive: Buffer;
  readonly manifest: PacketManifest;
  readonly manifestBytes: Buffer;
  readonly manifestSha256: string;
}

export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/**
 * Builds the inside of a packet: the manifest (every file's size and SHA-256),
 * its detached Ed25519 signature, the signer's public key, then the files in
 * manifest order, as one ustar archive.
 */
export function sealArchive(head: ManifestHead, files: readonly PacketFile[], key: SigningKey): SealedArchive {
  const manifest: PacketManifest = {
    format: PACKET_FORMAT,
    version: PACKET_FORMAT_VERSION,
    ...head,
    signer: { fingerprint: key.fingerprint },
    files: files.map((f) => ({ name: f.name, size: f.data.length, sha256: sha256Hex(f.data), mediaType: f.mediaType })),
  };
  const manifestBytes = Buffer.from(manifestText(manifest), 'utf8');
  const signature = signBytes(key, manifestBytes);
  const archive = writeUstar(
    [
      { name: MANIFEST_FILE, data: manifestBytes },
      { name: SIGNATURE_FILE, data: signature },
      { name: SIGNER_FILE, data: Buffer.from(key.publicKeyPem, 'utf8') },
      ...files.map((f) => ({ name: f.name, data: f.data })),
    ],
    new Date(head.createdAt),
  );
  return { archive, manifest, manifestBytes, manifestSha256: sha256Hex(manifestBytes) };
}
