import { createHash } from 'node:crypto';
import { manifestText, PACKET_FORMAT, PACKET_FORMAT_VERSION, type PacketManifest } from '../../../shared/packets/manifest';
import { MANIFEST_FILE, SIGNATURE_FILE, SIGNER_FILE } from '../../../shared/packets/names';
import { signBytes, type SigningKey } from './signing';
import { AppError } from '../../../shared/contract';
import { USTAR_END_BYTES, ustarHeader, ustarPadding, ustarSize, writeUstar, type TarEntry } from './ustar';

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

/** The manifest's signer: the signing key's fingerprint, and the hub's vouch when a user's own key signs. */
function signerEntry(key: SigningKey): PacketManifest['signer'] {
  return key.vouch === undefined ? { fingerprint: key.fingerprint } : { fingerprint: key.fingerprint, vouch: { ...key.vouch } };
}

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
    signer: signerEntry(key),
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

/** A file that streams into the archive: size and SHA-256 known up front (from intake), content read as it is written. */
export interface StreamedPacketFile {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
  /** The content, in order; read once, while the archive is written. */
  readonly chunks: () => Iterable<Uint8Array>;
}

export interface StreamedArchive {
  readonly manifest: PacketManifest;
  readonly manifestBytes: Buffer;
  readonly manifestSha256: string;
  readonly signature: Uint8Array;
  readonly signerPem: string;
  /** The archive's exact length. */
  readonly archiveBytes: number;
  /**
   * The archive, a piece at a time: headers, content chunks as they are read,
   * padding, end marker. Each streamed file is hashed on the way and must match
   * the size and SHA-256 the manifest lists, or the generator throws before the
   * archive ends.
   */
  pieces(): Generator<Uint8Array>;
}

/**
 * The streaming twin of sealArchive: the same bytes, but files listed by size and
 * hash and read only while the archive is produced, so a packet of any size is
 * sealed in memory of the order of one chunk.
 */
export function sealArchiveStream(head: ManifestHead, files: readonly (PacketFile | StreamedPacketFile)[], key: SigningKey): StreamedArchive {
  const listed = files.map((f) => ('data' in f ? { name: f.name, size: f.data.length, sha256: sha256Hex(f.data), mediaType: f.mediaType } : { name: f.name, size: f.size, sha256: f.sha256, mediaType: f.mediaType }));
  const manifest: PacketManifest = { format: PACKET_FORMAT, version: PACKET_FORMAT_VERSION, ...head, signer: signerEntry(key), files: listed };
  const manifestBytes = Buffer.from(manifestText(manifest), 'utf8');
  const signature = signBytes(key, manifestBytes);
  const signerBytes = Buffer.from(key.publicKeyPem, 'utf8');
  const mtime = new Date(head.createdAt);
  const fixed: TarEntry[] = [
    { name: MANIFEST_FILE, data: manifestBytes },
    { name: SIGNATURE_FILE, data: signature },
    { name: SIGNER_FILE, data: signerBytes },
  ];
  const archiveBytes = ustarSize([...fixed.map((e) => e.data.length), ...listed.map((f) => f.size)]);
  function* pieces(): Generator<Uint8Array> {
    for (const entry of fixed) {
      yield ustarHeader(entry.name, entry.data.length, mtime);
      yield entry.data;
      const pad = ustarPadding(entry.data.length);
      if (pad > 0) yield Buffer.alloc(pad);
    }
    for (const [i, f] of files.entries()) {
      const expected = listed[i];
      if (expected === undefined) throw new Error('manifest and files disagree');
      yield ustarHeader(f.name, expected.size, mtime);
      if ('data' in f) yield f.data;
      else {
        const hash = createHash('sha256');
        let size = 0;
        for (const chunk of f.chunks()) {
          size += chunk.length;
          if (size > expected.size) break;
          hash.update(chunk);
          yield chunk;
        }
        if (size !== expected.size || hash.digest('hex') !== expected.sha256) {
          throw new AppError('integrity', `${f.name} no longer matches the size and SHA-256 recorded at intake; the packet was not written.`);
        }
      }
      const pad = ustarPadding(expected.size);
      if (pad > 0) yield Buffer.alloc(pad);
    }
    yield Buffer.alloc(USTAR_END_BYTES);
  }
  return { manifest, manifestBytes, manifestSha256: sha256Hex(manifestBytes), signature, signerPem: key.publicKeyPem, archiveBytes, pieces };
}
