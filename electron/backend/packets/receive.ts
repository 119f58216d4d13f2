import { identityToRecipient } from 'age-encryption';
import { createHash, type Hash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { AppError } from '../../../shared/contract';
import type { PacketManifest } from '../../../shared/packets/manifest';
import { CASE_FILE, CUSTODY_FILE, MANIFEST_FILE, SIGNATURE_FILE, SIGNER_FILE } from '../../../shared/packets/names';
import { decryptionFailure, decryptPacket, decryptPacketStream, PACKET_HEAD_BYTES, type UnlockKey } from './ageLayer';
import { bad, checkSignedHead, inspectArchive, inspectParts, type InspectedPacket, type PacketPart } from './inspect';
import { defaultPacketLimits, type PacketLimits } from './limits';
import { sha256Hex } from './seal';
import {
  admitUstarEntry,
  allZeroBytes,
  ArchiveError,
  BLOCK,
  checkUstarHeader,
  ERR_AFTER_END,
  ERR_BLOCKS,
  ERR_INCOMPLETE_END,
  ERR_TRUNCATED_END,
  errDeclaresMore,
  errPadding,
  newUstarState,
  type TarEntry,
} from './ustar';

/** A packet file decrypted and checked completely; nothing on disk changed. */
export interface ReadPacket {
  readonly packet: InspectedPacket;
  readonly packetSha256: string;
  readonly packetBytes: number;
  readonly decryptedWith: 'identity' | 'passphrase';
  readonly addressedToKey: boolean | null;
}

/** Takes the content of one streamed file of a packet, a piece at a time, once its name and size were checked against the signed manifest. */
export interface PacketFileSink {
  write(piece: Uint8Array): void | Promise<void>;
  /** After the file's last piece, before its SHA-256 is compared. */
  end?(): void | Promise<void>;
}

export interface StreamOptions {
  /**
   * Where the bytes of each streamed file go (evidence into the vault). Without
   * it they are hashed and dropped. A file's SHA-256 is known to match only once
   * the whole packet has been read: a sink must hold what it took until then.
   */
  readonly sink?: (file: { name: string; size: number; sha256: string }) => PacketFileSink;
  /** Keep every file's bytes in memory too (extracting a packet into a folder). */
  readonly keepFiles?: boolean;
  /**
   * Called once the signed head has verified, before any listed file is read:
   * whoever would refuse the packet anyway (an unpinned signer) throws here,
   * before megabytes are read for nothing.
   */
  readonly onSigned?: (head: { manifest: PacketManifest; signerFingerprint: string }) => void | Promise<void>;
}

/** The files a reader keeps in memory (they are bounded by the limits); every other file is streamed. */
const keptInMemory: ReadonlySet<string> = new Set([MANIFEST_FILE, SIGNATURE_FILE, SIGNER_FILE, CASE_FILE, CUSTODY_FILE]);
const signedHeadNames = [MANIFEST_FILE, SIGNATURE_FILE, SIGNER_FILE] as const;
/** Bytes of a streamed file kept to recognize its type (a summary's %PDF-). */
const HEAD_BYTES = 8;
const READ_BYTES = 64 * 1024;

const unreadable: Readonly<Record<string, string>> = {
  ENOENT: 'there is no such file',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
};

function readFailure(path: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
  const reason = unreadable[code];
  if (reason !== undefined) return new AppError('invalid_input', `Cannot read the packet ${path}: ${reason}.`);
  return new AppError('io', `Reading the packet ${path} failed (${code}).`);
}

const grew = (path: string) => new AppError('integrity', `The packet ${path} grew while it was read; it was refused.`);

async function statBounded(path: string, limits: PacketLimits): Promise<number> {
  const stat = await fsp.stat(path);
  if (!stat.isFile()) throw new AppError('invalid_input', `Cannot read the packet ${path}: it is not a file.`);
  // Checked before reading anything.
  if (stat.size > limits.maxPacketBytes) {
    throw new AppError('integrity', `The packet ${path} is ${stat.size} bytes, larger than the ${limits.maxPacketBytes} bytes a packet may have; it was not read.`);
  }
  return stat.size;
}

async function addressedTo(packet: InspectedPacket, key: UnlockKey): Promise<boolean | null> {
  if (key.kind !== 'identities') return null;
  const encryption = packet.manifest.encryption;
  if (encryption.method !== 'x25519') return false;
  const recipients = await Promise.all(key.identities.map((i) => identityToRecipient(i)));
  return recipients.includes(encryption.recipient);
}

/** Decrypts and checks a packet's bytes, all in memory. */
export async function readPacketBytes(bytes: Uint8Array, key: UnlockKey, limits: PacketLimits = defaultPacketLimits): Promise<ReadPacket> {
  if (bytes.length > limits.maxPacketBytes) throw new AppError('integrity', `The packet is larger than the ${limits.maxPacketBytes} bytes a packet may have.`);
  const plaintext = await decryptPacket(bytes, key);
  const packet = inspectArchive(plaintext, limits);
  return {
    packet,
    packetSha256: sha256Hex(bytes),
    packetBytes: bytes.length,
    decryptedWith: key.kind === 'identities' ? 'identity' : 'passphrase',
    addressedToKey: await addressedTo(packet, key),
  };
}

/** The decrypted archive as it arrives: small reads for headers, pass-through for content. */
class PlainReader {
  private readonly buffered: Uint8Array[] = [];
  private bufferedBytes = 0;
  private ended = false;

  constructor(private readonly source: ReadableStreamDefaultReader<Uint8Array>) {}

  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const { done, value } = await this.source.read();
    if (done) {
      this.ended = true;
      return false;
    }
    if (value.length > 0) {
      this.buffered.push(value);
      this.bufferedBytes += value.length;
    }
    return true;
  }

  /** The next `n` bytes (a header, padding), fewer only where the archive ends. */
  async take(n: number): Promise<Buffer> {
    while (this.bufferedBytes < n && (await this.more()));
    const out = Buffer.alloc(Math.min(n, this.bufferedBytes));
    let filled = 0;
    while (filled < out.length) {
      const first = this.buffered.shift();
      if (first === undefined) break;
      const k = Math.min(first.length, out.length - filled);
      out.set(first.subarray(0, k), filled);
      if (k < first.length) this.buffered.unshift(first.subarray(k));
      filled += k;
    }
    this.bufferedBytes -= filled;
    return out;
  }

  /** Hands the next `n` bytes on in the pieces they arrive in; returns how many there were. */
  async pass(n: number, each: (piece: Uint8Array) => void | Promise<void>): Promise<number> {
    let passed = 0;
    while (passed < n) {
      if (this.buffered.length === 0 && !(await this.more())) break;
      const first = this.buffered.shift();
      if (first === undefined) continue;
      const k = Math.min(first.length, n - passed);
      if (k < first.length) this.buffered.unshift(first.subarray(k));
      this.bufferedBytes -= k;
      passed += k;
      await each(first.subarray(0, k));
    }
    return passed;
  }
}

/**
 * Reads the decrypted archive entry by entry and checks, as it goes, what
 * inspectArchive checks on a whole archive: the ustar structure and limits, the
 * signed head (before any listed file is read), each listed file's name, order
 * and size before its content and its SHA-256 after; then inspectParts over it
 * all. Only the signed head, case.json and custody.json are held in memory.
 */
async function readArchiveStream(plain: PlainReader, plaintextBytes: number, limits: PacketLimits, options: StreamOptions): Promise<InspectedPacket> {
  if (plaintextBytes % BLOCK !== 0) throw new ArchiveError(ERR_BLOCKS);
  const state = newUstarState();
  const head: Uint8Array[] = [];
  let signed: ReturnType<typeof checkSignedHead> | null = null;
  const listed: PacketPart[] = [];
  const entries: TarEntry[] = [];
  let offset = 0;
  for (let index = 0; ; index++) {
    const header = await plain.take(BLOCK);
    if (header.length < BLOCK) throw new ArchiveError(ERR_TRUNCATED_END);
    offset += BLOCK;
    if (allZeroBytes(header)) {
      const second = await plain.take(BLOCK);
      if (second.length < BLOCK || !allZeroBytes(second)) throw new ArchiveError(ERR_INCOMPLETE_END);
      let trailing = false;
      await plain.pass(Number.POSITIVE_INFINITY, (piece) => {
        trailing ||= !allZeroBytes(piece);
      });
      if (trailing) throw new ArchiveError(ERR_AFTER_END);
      break;
    }
    const { name, size } = checkUstarHeader(header, limits, state);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (offset + padded > plaintextBytes) throw new ArchiveError(errDeclaresMore(name));
    admitUstarEntry(name, limits, state);

    const expected = signed?.manifest.files[index - signedHeadNames.length];
    if (signed === null) {
      if (name !== signedHeadNames[index]) throw bad(`it does not begin with ${MANIFEST_FILE}, ${SIGNATURE_FILE} and ${SIGNER_FILE}`);
      if (size > limits.maxManifestBytes) throw bad(`${name} is larger than ${limits.maxManifestBytes} bytes`);
    } else {
      if (!signed.manifest.files.some((f) => f.name === name)) throw bad(`it holds a file its manifest does not list: ${name}`);
      if (expected?.name !== name) throw bad('its files are not in manifest order');
      if (size !== expected.size) throw bad(`${name} is ${size} bytes, but its manifest says ${expected.size}`);
      if ((name === CASE_FILE || name === CUSTODY_FILE) && size > limits.maxJsonBytes) throw bad(`${name} is larger than the ${limits.maxJsonBytes} bytes allowed`);
    }
    const keep = keptInMemory.has(name) || options.keepFiles === true;
    const sink = keptInMemory.has(name) || expected === undefined ? undefined : options.sink?.({ name, size, sha256: expected.sha256 });
    const hash = createHash('sha256');
    const kept: Uint8Array[] = [];
    let start: Buffer | null = null;
    const got = await plain.pass(size, async (piece) => {
      hash.update(piece);
      if (keep) kept.push(piece);
      start ??= Buffer.from(piece.subarray(0, HEAD_BYTES));
      if (sink !== undefined) await sink.write(piece);
    });
    if (got < size) throw new ArchiveError(errDeclaresMore(name));
    if (sink?.end !== undefined) await sink.end();
    const padding = await plain.take(padded - size);
    if (padding.length < padded - size) throw new ArchiveError(errDeclaresMore(name));
    if (!allZeroBytes(padding)) throw new ArchiveError(errPadding(name));
    offset += padded;

    const joined = keep ? Buffer.concat(kept) : undefined;
    const data = joined === undefined ? undefined : new Uint8Array(joined.buffer, joined.byteOffset, joined.length);
    if (data !== undefined) entries.push({ name, data });
    const sha256 = hash.digest('hex');
    if (signed === null) {
      head.push(data ?? new Uint8Array());
      const [manifest, signature, signer] = head;
      if (manifest !== undefined && signature !== undefined && signer !== undefined) {
        signed = checkSignedHead({ manifest, signature, signer }, limits);
        await options.onSigned?.(signed);
      }
    } else {
      if (sha256 !== expected?.sha256) throw bad(`${name} does not match its SHA-256 in the manifest`);
      listed.push({ name, size, sha256, ...(data === undefined ? { head: start ?? Buffer.alloc(0) } : { data }) });
    }
  }
  const [manifest, signature, signer] = head;
  if (manifest === undefined || signature === undefined || signer === undefined) throw bad(`it does not begin with ${MANIFEST_FILE}, ${SIGNATURE_FILE} and ${SIGNER_FILE}`);
  return { ...inspectParts({ manifest, signature, signer, listed }, limits), entries };
}

/** A packet file read from its first byte, hashed on the way; refuses bytes past `size`. */
function fileStream(handle: fsp.FileHandle, path: string, size: number, hash: Hash, read: { bytes: number }): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const buffer = Buffer.allocUnsafe(READ_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, READ_BYTES, read.bytes);
      if (bytesRead === 0) {
        controller.close();
        return;
      }
      read.bytes += bytesRead;
      if (read.bytes > size) {
        controller.error(grew(path));
        return;
      }
      const piece = buffer.subarray(0, bytesRead);
      hash.update(piece);
      controller.enqueue(piece);
    },
  });
}

/**
 * Reads and checks a packet file as a stream: file → age → ustar → per-file
 * SHA-256, in memory of the order of age's 64 KiB chunks plus the small files
 * (signed head, case.json, custody.json), whatever the packet's size. Streamed
 * files go to `options.sink`; every check and message is that of readPacketBytes.
 */
export async function readPacketFile(path: string, key: UnlockKey, limits: PacketLimits = defaultPacketLimits, options: StreamOptions = {}): Promise<ReadPacket> {
  let handle: fsp.FileHandle;
  let size: number;
  try {
    size = await statBounded(path, limits);
    handle = await fsp.open(path, 'r');
  } catch (error) {
    throw readFailure(path, error);
  }
  try {
    const start = Buffer.alloc(Math.min(size, PACKET_HEAD_BYTES));
    try {
      await handle.read(start, 0, start.length, 0);
    } catch (error) {
      throw readFailure(path, error);
    }
    const hash = createHash('sha256');
    const read = { bytes: 0 };
    const { plaintext, plaintextBytes } = await decryptPacketStream(start, fileStream(handle, path, size, hash, read), size, key);
    const reader = plaintext.getReader();
    let packet: InspectedPacket;
    try {
      packet = await readArchiveStream(new PlainReader(reader), plaintextBytes, limits, options);
    } catch (error) {
      if (error instanceof ArchiveError) throw bad(`its archive is malformed: ${error.message}`);
      throw decryptionFailure(error, key);
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    if (read.bytes !== size) throw new AppError('integrity', `The packet ${path} changed while it was read; it was refused.`);
    return {
      packet,
      packetSha256: hash.digest('hex'),
      packetBytes: size,
      decryptedWith: key.kind === 'identities' ? 'identity' : 'passphrase',
      addressedToKey: await addressedTo(packet, key),
    };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

