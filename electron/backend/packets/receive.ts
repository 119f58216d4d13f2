import { identityToRecipient } from 'age-encryption';
import { promises as fsp } from 'node:fs';
import { AppError } from '../../../shared/contract';
import { decryptPacket, type UnlockKey } from './ageLayer';
import { inspectArchive, type InspectedPacket } from './inspect';
import { defaultPacketLimits, type PacketLimits } from './limits';
import { sha256Hex } from './seal';

/** A packet file decrypted in memory and checked completely; nothing on disk changed. */
export interface ReadPacket {
  readonly packet: InspectedPacket;
  readonly packetSha256: string;
  readonly packetBytes: number;
  readonly decryptedWith: 'identity' | 'passphrase';
  readonly addressedToKey: boolean | null;
}

const unreadable: Readonly<Record<string, string>> = {
  ENOENT: 'there is no such file',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
};

async function readBounded(path: string, limits: PacketLimits): Promise<Buffer> {
  try {
    const stat = await fsp.stat(path);
    if (!stat.isFile()) throw new AppError('invalid_input', `Cannot read the packet ${path}: it is not a file.`);
    // Checked before reading: a packet is decrypted in memory.
    if (stat.size > limits.maxPacketBytes) {
      throw new AppError('integrity', `The packet ${path} is ${stat.size} bytes, larger than the ${limits.maxPacketBytes} bytes a packet may have; it was not read.`);
    }
    const bytes = await fsp.readFile(path);
    if (bytes.length > limits.maxPacketBytes) throw new AppError('integrity', `The packet ${path} grew while it was read; it was refused.`);
    return bytes;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
    const reason = unreadable[code];
    if (reason !== undefined) throw new AppError('invalid_input', `Cannot read the packet ${path}: ${reason}.`);
    throw new AppError('io', `Reading the packet ${path} failed (${code}).`);
  }
}

/** Decrypts and checks a packet's bytes. */
export async function readPacketBytes(bytes: Uint8Array, key: UnlockKey, limits: PacketLimits = defaultPacketLimits): Promise<ReadPacket> {
  if (bytes.length > limits.maxPacketBytes) throw new AppError('integrity', `The packet is larger than the ${limits.maxPacketBytes} bytes a packet may have.`);
  const plaintext = await decryptPacket(bytes, key);
  const packet = inspectArchive(plaintext, limits);
  let addressedToKey: boolean | null = null;
  const encryption = packet.manifest.encryption;
  if (key.kind === 'identities') {
    if (encryption.method === 'x25519') {
      const recipients = await Promise.all(key.identities.map((i) => identityToRecipient(i)));
      addressedToKey = recipients.includes(encryption.recipient);
    } else {
      addressedToKey = false;
    }
  }
  return {
    packet,
    packetSha256: sha256Hex(bytes),
    packetBytes: bytes.length,
    decryptedWith: key.kind === 'identities' ? 'identity' : 'passphrase',
    addressedToKey,
  };
}

export async function readPacketFile(path: string, key: UnlockKey, limits: PacketLimits = defaultPacketLimits): Promise<ReadPacket> {
  return readPacketBytes(await readBounded(path, limits), key, limits);
}
