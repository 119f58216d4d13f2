import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { Decrypter, generateIdentity, identityToRecipient } from 'age-encryption';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encryptAsyncStream, encryptPacketStream, sealChunk, type PacketKey } from './ageLayer';

const KiB = 1024;

/** Collects a ciphertext whose pieces are only valid until the next is asked for. */
function collect(ciphertext: Iterable<Uint8Array>): Buffer {
  const parts: Buffer[] = [];
  for (const piece of ciphertext) parts.push(Buffer.from(piece));
  return Buffer.concat(parts);
}

/** `data` in pieces of the given sizes, cycled. */
function* inPieces(data: Uint8Array, sizes: readonly number[]): Generator<Uint8Array> {
  for (let at = 0, i = 0; at < data.length; i++) {
    const n = Math.min(sizes[i % sizes.length] ?? 1, data.length - at);
    yield data.subarray(at, at + n);
    at += n;
  }
}

describe('sealChunk', () => {
  it('gives the bytes of ChaCha20-Poly1305 at every length around the block and MAC boundaries', () => {
    for (const length of [0, 1, 15, 16, 17, 63, 64, 65, 1000, 64 * KiB - 1, 64 * KiB]) {
      const key = randomBytes(32);
      const nonce = randomBytes(12);
      const plain = randomBytes(length);
      const out = new Uint8Array(length + 16);
      expect(Buffer.from(sealChunk(key, nonce, plain, out)).equals(Buffer.from(chacha20poly1305(key, nonce).encrypt(plain))), `length ${length}`).toBe(true);
    }
  });

  it('refuses an output of the wrong length', () => {
    expect(() => sealChunk(randomBytes(32), randomBytes(12), new Uint8Array(10), new Uint8Array(10))).toThrow(/16 bytes longer/);
  });
});

describe('encryptPacketStream', () => {
  it('writes age v1 that age-encryption opens, to a recipient and to a passphrase, at every chunk boundary and in odd pieces', async () => {
    const identity = await generateIdentity();
    const keys: { key: PacketKey; decrypter: Decrypter }[] = [
      { key: { kind: 'recipient', recipient: await identityToRecipient(identity) }, decrypter: new Decrypter() },
      { key: { kind: 'passphrase', passphrase: 'correct horse battery staple orbit' }, decrypter: new Decrypter() },
    ];
    keys[0]?.decrypter.addIdentity(identity);
    keys[1]?.decrypter.addPassphrase('correct horse battery staple orbit');
    for (const { key, decrypter } of keys) {
      for (const length of [0, 1, 64 * KiB - 1, 64 * KiB, 64 * KiB + 1, 200 * KiB]) {
        const plain = randomBytes(length);
        const { ciphertext, bytes } = await encryptPacketStream(inPieces(plain, [7, 4096, 100_000, 1]), length, key, 10);
        const file = collect(ciphertext);
        expect(file.length, `${key.kind} ${length}`).toBe(bytes);
        expect(file.subarray(0, 22).toString('latin1')).toBe('age-encryption.org/v1\n');
        expect(Buffer.from(await decrypter.decrypt(file)).equals(plain), `${key.kind} ${length}`).toBe(true);
      }
    }
  });

  it('never seals the same chunk key twice: two packets of the same content differ', async () => {
    const key: PacketKey = { kind: 'recipient', recipient: await identityToRecipient(await generateIdentity()) };
    const plain = randomBytes(1000);
    const a = collect((await encryptPacketStream(inPieces(plain, [1000]), 1000, key)).ciphertext);
    const b = collect((await encryptPacketStream(inPieces(plain, [1000]), 1000, key)).ciphertext);
    expect(a.subarray(-1016).equals(b.subarray(-1016))).toBe(false);
  });

  it('refuses content longer or shorter than announced, and a recipient that is not an age key', async () => {
    const key: PacketKey = { kind: 'recipient', recipient: await identityToRecipient(await generateIdentity()) };
    const longer = await encryptPacketStream(inPieces(randomBytes(100), [100]), 99, key);
    expect(() => collect(longer.ciphertext)).toThrow(/longer than announced/);
    const shorter = await encryptPacketStream(inPieces(randomBytes(100), [100]), 101, key);
    expect(() => collect(shorter.ciphertext)).toThrow(/shorter than announced/);
    await expect(encryptPacketStream(inPieces(randomBytes(1), [1]), 1, { kind: 'recipient', recipient: 'age1notakey' })).rejects.toThrow(/not a valid age public key/);
  });
});

describe('encryptAsyncStream', () => {
  it('writes age v1 that age-encryption opens from a stream of unknown length, at every chunk boundary and in odd pieces', async () => {
    const identity = await generateIdentity();
    const decrypter = new Decrypter();
    decrypter.addIdentity(identity);
    const recipient = await identityToRecipient(identity);
    for (const length of [0, 1, 64 * KiB - 1, 64 * KiB, 64 * KiB + 1, 128 * KiB, 200 * KiB]) {
      const plain = randomBytes(length);
      async function* source(): AsyncGenerator<Uint8Array> {
        for (const piece of inPieces(plain, [7, 4096, 100_000, 1])) yield await Promise.resolve(piece);
      }
      const parts: Buffer[] = [];
      for await (const piece of encryptAsyncStream(source(), recipient)) parts.push(Buffer.from(piece));
      const file = Buffer.concat(parts);
      expect(file.subarray(0, 22).toString('latin1')).toBe('age-encryption.org/v1\n');
      expect(Buffer.from(await decrypter.decrypt(file)).equals(plain), String(length)).toBe(true);
    }
  });

  it('refuses a recipient that is not an age key before reading anything', async () => {
    let read = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      read = true;
      yield await Promise.resolve(new Uint8Array(1));
    }
    await expect(encryptAsyncStream(source(), 'age1notakey').next()).rejects.toThrow(/not a valid age public key/);
    expect(read).toBe(false);
  });
});
