import { generateKeyPairSync } from 'node:crypto';
import { BLOCK, readUstar, writeUstar, type TarEntry } from '../../electron/backend/packets/ustar';
import { sealArchive, type ManifestHead, type PacketFile } from '../../electron/backend/packets/seal';
import { fingerprintOf, publicKeyPem, type SigningKey } from '../../electron/backend/packets/signing';
import { packetManifestSchema } from '../../shared/packets/manifest';

/**
 * Tools to forge hostile packets from a genuine one: rewrite raw header fields
 * (names and sizes no honest writer produces), add, drop or duplicate entries,
 * and re-sign with another key.
 */

const generous = { maxEntries: 10_000, maxEntryBytes: 1 << 30, maxTotalBytes: 1 << 30 };

export function entriesOf(archive: Uint8Array): TarEntry[] {
  return readUstar(archive, generous).map((e) => ({ name: e.name, data: Buffer.from(e.data) }));
}

/** Offsets of each entry's header, in order. */
export function headerOffsets(archive: Uint8Array): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const e of readUstar(archive, generous)) {
    offsets.push(at);
    at += BLOCK + Math.ceil(e.data.length / BLOCK) * BLOCK;
  }
  return offsets;
}

export function fixChecksum(archive: Buffer, headerOffset: number): void {
  archive.fill(0x20, headerOffset + 148, headerOffset + 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += archive[headerOffset + i] ?? 0;
  archive.write(`${sum.toString(8).padStart(6, '0')}\0 `, headerOffset + 148, 'latin1');
}

/** Rewrites entry `index`'s raw name (any bytes, up to 100) with a valid checksum. */
export function withRawName(archive: Uint8Array, index: number, name: string | Buffer): Buffer {
  const copy = Buffer.from(archive);
  const at = headerOffsets(archive)[index] ?? 0;
  const bytes = typeof name === 'string' ? Buffer.from(name, 'latin1') : name;
  copy.fill(0, at, at + 100);
  bytes.copy(copy, at, 0, Math.min(100, bytes.length));
  fixChecksum(copy, at);
  return copy;
}

/** Rewrites entry `index`'s declared size (octal digits as given) with a valid checksum. */
export function withRawSize(archive: Uint8Array, index: number, octal: string): Buffer {
  const copy = Buffer.from(archive);
  const at = headerOffsets(archive)[index] ?? 0;
  copy.write(`${octal.padStart(11, '0')}\0`, at + 124, 'latin1');
  fixChecksum(copy, at);
  return copy;
}

/** Rewrites entry `index`'s type flag (e.g. '2' for a symbolic link). */
export function withType(archive: Uint8Array, index: number, type: string): Buffer {
  const copy = Buffer.from(archive);
  const at = headerOffsets(archive)[index] ?? 0;
  copy.write(type, at + 156, 'latin1');
  fixChecksum(copy, at);
  return copy;
}

export const rewrite = (archive: Uint8Array, edit: (entries: TarEntry[]) => TarEntry[]): Buffer => writeUstar(edit(entriesOf(archive)), new Date('2026-11-20T10:00:00Z'));

export function otherSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKeyPem: publicKeyPem(publicKey), fingerprint: fingerprintOf(publicKey) };
}

/** The same packet content, manifest and files, signed by another key (a forger's re-signing). */
export function resigned(archive: Uint8Array, key: SigningKey): Buffer {
  const entries = entriesOf(archive);
  const manifest = packetManifestSchema.parse(JSON.parse(Buffer.from(entries[0]?.data ?? []).toString('utf8')));
  const { format: _f, version: _v, signer: _s, files, ...head } = manifest;
  const data = new Map(entries.map((e) => [e.name, e.data]));
  const packetFiles: PacketFile[] = files.map((f) => ({ name: f.name, mediaType: f.mediaType, data: data.get(f.name) ?? new Uint8Array() }));
  return sealArchive(head satisfies ManifestHead, packetFiles, key).archive;
}
