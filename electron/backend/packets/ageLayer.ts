import { Decrypter, Encrypter } from 'age-encryption';
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

function encrypterFor(key: PacketKey, scryptLogN: number): Encrypter {
  const encrypter = new Encrypter();
  if (key.kind === 'recipient') {
    try {
      encrypter.addRecipient(key.recipient);
    } catch {
      throw new AppError('invalid_input', 'The recipient key is not a valid age public key (age1…).');
    }
  } else {
    encrypter.setPassphrase(key.passphrase);
    encrypter.setScryptWorkFactor(scryptLogN);
  }
  return encrypter;
}

export async function encryptPacket(plaintext: Uint8Array, key: PacketKey, scryptLogN = DEFAULT_SCRYPT_LOG_N): Promise<Uint8Array> {
  return encrypterFor(key, scryptLogN).encrypt(plaintext);
}

/**
 * Encrypts as the plaintext is produced: `pieces` is pulled only as fast as the
 * ciphertext is consumed (age's 64 KiB chunks), so memory stays of the order of a
 * chunk whatever the size. Returns the ciphertext and its exact length.
 */
export async function encryptPacketStream(
  pieces: Iterator<Uint8Array>,
  plaintextBytes: number,
  key: PacketKey,
  scryptLogN = DEFAULT_SCRYPT_LOG_N,
): Promise<{ ciphertext: AsyncIterable<Uint8Array>; bytes: number }> {
  const plaintext = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = pieces.next();
        if (next.done === true) controller.close();
        else controller.enqueue(next.value);
      },
    },
    { highWaterMark: 1 },
  );
  const stream = await encrypterFor(key, scryptLogN).encrypt(plaintext);
  const bytes = stream.size(plaintextBytes);
  async function* ciphertext(): AsyncGenerator<Uint8Array> {
    const reader = stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  return { ciphertext: ciphertext(), bytes };
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
