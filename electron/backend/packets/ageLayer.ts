import { poly1305 } from '@noble/ciphers/_poly1305.js';
import { chacha20, chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { Decrypter, Encrypter, Stanza, type Recipient } from 'age-encryption';
import { hkdfSync, randomBytes, scrypt } from 'node:crypto';
import { AppError } from '../../../shared/contract';

/**
 * The encryption layer of a packet: age v1 (age-encryption.org/v1), binary (not
 * armored), to one X25519 recipient or to one passphrase (scrypt). Any age
 * implementation opens a packet, e.g. `age -d -i key.txt FILE`.
 */

export type PacketKey = { kind: 'recipient'; recipient: string } | { kind: 'passphrase'; passphrase: string };
export type UnlockKey = { kind: 'identities'; identities: string[] } | { kind: 'passphrase'; passphrase: string };

/** age's own default; packets ask no more of a receiving machine than `age` does. */
export const DEFAULT_SCRYPT_LOG_N = 18;
/** The largest scrypt work factor a packet may ask for: above it, refused unread. */
export const MAX_SCRYPT_LOG_N = 18;
const MAX_HEADER_BYTES = 16 * 1024;
const VERSION_LINE = 'age-encryption.org/v1\n';

/** An encrypter to one X25519 recipient; a key that is not one is refused in words. */
function toRecipient(recipient: string): Encrypter {
  const encrypter = new Encrypter();
  try {
    encrypter.addRecipient(recipient);
  } catch {
    throw new AppError('invalid_input', 'The recipient key is not a valid age public key (age1…).');
  }
  return encrypter;
}

function encrypterFor(key: PacketKey, scryptLogN: number): Encrypter {
  if (key.kind === 'recipient') return toRecipient(key.recipient);
  const encrypter = new Encrypter();
  encrypter.setPassphrase(key.passphrase);
  encrypter.setScryptWorkFactor(scryptLogN);
  return encrypter;
}

export async function encryptPacket(plaintext: Uint8Array, key: PacketKey, scryptLogN = DEFAULT_SCRYPT_LOG_N): Promise<Uint8Array> {
  return encrypterFor(key, scryptLogN).encrypt(plaintext);
}

/** age's payload: STREAM chunks of 64 KiB of plaintext, each sealed with ChaCha20-Poly1305 (a 16-byte tag). */
const PAYLOAD_CHUNK = 64 * 1024;
const TAG_BYTES = 16;
const SCRYPT_LABEL = 'age-encryption.org/v1/scrypt';

/** age's scrypt recipient (the passphrase's one stanza), so the file key can be kept for the payload. */
function scryptRecipient(passphrase: string, logN: number): Recipient {
  return {
    async wrapFileKey(fileKey) {
      const salt = randomBytes(16);
      const wrapKey = await new Promise<Buffer>((resolve, reject) => {
        // 128·N·r bytes of work space: 256 MiB at age's 2^18.
        scrypt(passphrase, Buffer.concat([Buffer.from(SCRYPT_LABEL, 'latin1'), salt]), 32, { N: 2 ** logN, r: 8, p: 1, maxmem: 2 * 128 * 8 * 2 ** logN }, (error, key) => (error === null ? resolve(key) : reject(error)));
      });
      const body = chacha20poly1305(wrapKey, new Uint8Array(12)).encrypt(fileKey);
      wrapKey.fill(0);
      return [new Stanza(['scrypt', salt.toString('base64').replace(/=+$/, ''), String(logN)], body)];
    },
  };
}

const ZEROS = new Uint8Array(64);
/** Pieces of at most this many bytes are copied on V8's own heap, not into a new ArrayBuffer. */
const MAC_PIECE = 64;

/**
 * ChaCha20-Poly1305 (RFC 8439, no associated data) of `plain` into `out`
 * (plain.length + 16 bytes): the same bytes as chacha20poly1305(key,
 * nonce).encrypt(plain), but with no buffer allocated per call: the keystream
 * is XORed straight into `out`, and the MAC reads the ciphertext in small
 * pieces, which its copy-on-update keeps on the heap instead of allocating a
 * second chunk-sized buffer.
 */
export function sealChunk(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array, out: Uint8Array): Uint8Array {
  if (out.length !== plain.length + TAG_BYTES) throw new Error('sealChunk: the output must be 16 bytes longer than the input');
  const ciphertext = out.subarray(0, plain.length);
  chacha20(key, nonce, plain, ciphertext, 1);
  const mac = poly1305.create(chacha20(key, nonce, ZEROS.subarray(0, 32)));
  for (let at = 0; at < ciphertext.length; at += MAC_PIECE) mac.update(ciphertext.subarray(at, Math.min(at + MAC_PIECE, ciphertext.length)));
  if (ciphertext.length % 16 !== 0) mac.update(ZEROS.subarray(0, 16 - (ciphertext.length % 16)));
  // The lengths block: associated data (none), then the ciphertext, each 64-bit little-endian.
  const lengths = new Uint8Array(16);
  new DataView(lengths.buffer).setBigUint64(8, BigInt(ciphertext.length), true);
  mac.update(lengths);
  out.set(mac.digest(), plain.length);
  return out;
}

/**
 * The age header for `key` (made by age-encryption) and the file key it wraps.
 * The library writes the header of an empty file; a recipient that adds no
 * stanza is handed the file key, and the payload is sealed here, so its
 * buffers can be reused chunk after chunk.
 */
async function ageHeader(key: PacketKey, scryptLogN: number): Promise<{ header: Uint8Array; payloadNonce: Uint8Array; fileKey: Uint8Array }> {
  const encrypter = key.kind === 'recipient' ? toRecipient(key.recipient) : new Encrypter();
  if (key.kind === 'passphrase') encrypter.addRecipient(scryptRecipient(key.passphrase, scryptLogN));
  let fileKey: Uint8Array | null = null;
  encrypter.addRecipient({
    wrapFileKey(k) {
      fileKey = Uint8Array.from(k);
      return [];
    },
  });
  const empty = await encrypter.encrypt(new Uint8Array(0));
  if (fileKey === null) throw new AppError('internal', 'The packet could not be encrypted (no file key).');
  // An empty file is the header, the 16-byte payload nonce and one sealed empty chunk (its tag).
  const end = Buffer.from(empty.buffer, empty.byteOffset, empty.length).indexOf('\n---');
  const headerEnd = end < 0 ? -1 : empty.indexOf(0x0a, end + 1) + 1;
  if (headerEnd <= 0 || empty.length !== headerEnd + 16 + TAG_BYTES) throw new AppError('internal', 'The packet could not be encrypted (unexpected age header).');
  return { header: empty.slice(0, headerEnd), payloadNonce: empty.slice(headerEnd, headerEnd + 16), fileKey };
}

/**
 * age's payload (STREAM) over one pair of buffers reused for every chunk: `add`
 * yields each full chunk sealed, but only once more plaintext follows, so the
 * last chunk (`last`) is never empty unless the file is; `wipe` clears the
 * plaintext buffer and the payload key. Each sealed piece is valid only until
 * the next one is asked for.
 */
function payloadSealer(payloadKey: Uint8Array): { add: (piece: Uint8Array) => Generator<Uint8Array>; last: () => Uint8Array; wipe: () => void } {
  const plain = new Uint8Array(PAYLOAD_CHUNK);
  const sealed = new Uint8Array(PAYLOAD_CHUNK + TAG_BYTES);
  // The STREAM nonce: an 11-byte big-endian chunk counter, then 1 on the last chunk.
  const nonce = new Uint8Array(12);
  let filled = 0;
  const seal = (last: boolean): Uint8Array => {
    nonce[11] = last ? 1 : 0;
    return sealChunk(payloadKey, nonce, plain.subarray(0, filled), sealed.subarray(0, filled + TAG_BYTES));
  };
  return {
    *add(piece) {
      while (piece.length > 0) {
        if (filled === PAYLOAD_CHUNK) {
          yield seal(false);
          for (let i = 10; i >= 0 && ++nonce[i]! === 256; i--) nonce[i] = 0;
          filled = 0;
        }
        const n = Math.min(PAYLOAD_CHUNK - filled, piece.length);
        plain.set(piece.subarray(0, n), filled);
        filled += n;
        piece = piece.subarray(n);
      }
    },
    last: () => seal(true),
    wipe() {
      plain.fill(0);
      payloadKey.fill(0);
    },
  };
}

/**
 * Encrypts as the plaintext is produced: `pieces` is pulled only as fast as the
 * ciphertext is consumed, a 64 KiB age chunk at a time, sealed into one buffer
 * that is reused for every chunk — so memory stays of the order of a chunk
 * whatever the size, and a packet leaves no garbage in proportion to its size
 * behind. Each ciphertext piece is valid only until the next one is asked for
 * (the writer writes and hashes it first). Returns the ciphertext and its exact
 * length; the format is age v1's, as age-encryption and `age` read it.
 */
export async function encryptPacketStream(
  pieces: Iterator<Uint8Array>,
  plaintextBytes: number,
  key: PacketKey,
  scryptLogN = DEFAULT_SCRYPT_LOG_N,
): Promise<{ ciphertext: Iterable<Uint8Array>; bytes: number }> {
  const { header, payloadNonce, fileKey } = await ageHeader(key, scryptLogN);
  const payloadKey = new Uint8Array(hkdfSync('sha256', fileKey, payloadNonce, 'payload', 32));
  fileKey.fill(0);
  const chunks = Math.max(1, Math.ceil(plaintextBytes / PAYLOAD_CHUNK));
  const bytes = header.length + payloadNonce.length + plaintextBytes + chunks * TAG_BYTES;
  function* ciphertext(): Generator<Uint8Array> {
    yield header;
    yield payloadNonce;
    const sealer = payloadSealer(payloadKey);
    let total = 0;
    try {
      for (let next = pieces.next(); next.done !== true; next = pieces.next()) {
        total += next.value.length;
        if (total > plaintextBytes) throw new AppError('internal', 'The packet came out longer than announced; nothing was kept.');
        yield* sealer.add(next.value);
      }
      if (total !== plaintextBytes) throw new AppError('internal', 'The packet came out shorter than announced; nothing was kept.');
      yield sealer.last();
    } finally {
      sealer.wipe();
    }
  }
  return { ciphertext: ciphertext(), bytes };
}

/** Refuses, in words, a recipient that is not an age X25519 public key, before anything else is done. */
export function checkRecipient(recipient: string): void {
  toRecipient(recipient);
}

/**
 * Encrypts a stream of unknown length to one recipient as it arrives (e.g. a
 * child process's output): the same age v1 chunks as encryptPacketStream, a full
 * chunk sealed only once more follows. Each piece yielded is valid only until
 * the next one is asked for.
 */
export async function* encryptAsyncStream(pieces: AsyncIterable<Uint8Array>, recipient: string): AsyncGenerator<Uint8Array> {
  const { header, payloadNonce, fileKey } = await ageHeader({ kind: 'recipient', recipient }, DEFAULT_SCRYPT_LOG_N);
  const payloadKey = new Uint8Array(hkdfSync('sha256', fileKey, payloadNonce, 'payload', 32));
  fileKey.fill(0);
  yield header;
  yield payloadNonce;
  const sealer = payloadSealer(payloadKey);
  try {
    for await (const piece of pieces) yield* sealer.add(piece);
    yield sealer.last();
  } finally {
    sealer.wipe();
  }
}

/**
 * Reads the identities of an age key file (as `age-keygen` writes it): every line
 * that is not blank or a # comment must be an X25519 identity.
 */
export function parseIdentityText(text: string): string[] {
  const identities: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/.test(line)) {
      throw new AppError('invalid_input', 'The identity is not an age X25519 key file: expected lines of AGE-SECRET-KEY-1… (comments start with #).');
    }
    identities.push(line);
  }
  if (identities.length === 0) throw new AppError('invalid_input', 'The identity file holds no age identity (AGE-SECRET-KEY-1…).');
  return identities;
}

const integrity = (why: string) => new AppError('integrity', `The packet is damaged, altered or not a referral packet: ${why}.`);

/**
 * Looks at the header before age does: refuses what is not binary age v1, a header
 * too large to be ours, and a passphrase stanza asking for more scrypt work than
 * any packet uses (a hostile file could otherwise make us spend a gigabyte).
 */
function checkHeader(file: Uint8Array): void {
  const head = Buffer.from(file.buffer, file.byteOffset, Math.min(file.length, MAX_HEADER_BYTES)).toString('latin1');
  if (head.startsWith('-----BEGIN AGE ENCRYPTED FILE-----')) throw integrity('it is ASCII-armored, and packets are binary');
  if (!head.startsWith(VERSION_LINE)) throw integrity('it is not an age v1 file');
  const end = head.indexOf('\n---');
  if (end < 0) throw integrity('its encryption header is incomplete or too large');
  for (const line of head.slice(0, end).split('\n')) {
    const scrypt = /^-> scrypt \S+ (\d+)$/.exec(line);
    if (scrypt?.[1] !== undefined && Number(scrypt[1]) > MAX_SCRYPT_LOG_N) {
      throw integrity(`its passphrase stanza asks for a work factor of 2^${scrypt[1]}, above the 2^${MAX_SCRYPT_LOG_N} packets use`);
    }
  }
}

function decrypterFor(key: UnlockKey): Decrypter {
  const decrypter = new Decrypter();
  if (key.kind === 'passphrase') decrypter.addPassphrase(key.passphrase);
  else {
    for (const identity of key.identities) {
      try {
        decrypter.addIdentity(identity);
      } catch {
        throw new AppError('invalid_input', 'The identity is not a valid age X25519 key (its checksum does not match).');
      }
    }
  }
  return decrypter;
}

/** Wrong key or passphrase: auth_failed. Anything else age refuses: integrity. */
export function decryptionFailure(error: unknown, key: UnlockKey): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (message === "no identity matched any of the file's recipients") {
    return new AppError(
      'auth_failed',
      key.kind === 'passphrase' ? 'The packet passphrase is wrong, or the packet was encrypted to a key.' : 'The identity does not open this packet: it was encrypted to another key or to a passphrase.',
    );
  }
  return integrity(`decryption failed (${message.slice(0, 120)})`);
}

/** Decrypts in memory. Wrong key or passphrase: auth_failed. Anything else: integrity. */
export async function decryptPacket(file: Uint8Array, key: UnlockKey): Promise<Uint8Array> {
  const decrypter = decrypterFor(key);
  checkHeader(file);
  try {
    return await decrypter.decrypt(file);
  } catch (error) {
    throw decryptionFailure(error, key);
  }
}

/** How many bytes of a packet's start checkHeader looks at. */
export const PACKET_HEAD_BYTES = MAX_HEADER_BYTES;

/**
 * Decrypts as the file is read: `head` is the file's first PACKET_HEAD_BYTES (or
 * all of it), checked as decryptPacket checks it; `file` is the whole file from
 * its first byte, `fileBytes` long. Returns the plaintext stream (age's 64 KiB
 * chunks, each authenticated before it is handed on) and its exact length. A
 * chunk that fails its tag errors the stream; the reader maps it with
 * decryptionFailure.
 */
export async function decryptPacketStream(
  head: Uint8Array,
  file: ReadableStream<Uint8Array>,
  fileBytes: number,
  key: UnlockKey,
): Promise<{ plaintext: ReadableStream<Uint8Array>; plaintextBytes: number }> {
  const decrypter = decrypterFor(key);
  checkHeader(head);
  try {
    const plaintext = await decrypter.decrypt(file);
    return { plaintext, plaintextBytes: plaintext.size(fileBytes) };
  } catch (error) {
    throw decryptionFailure(error, key);
  }
}
