import { AppError } from '../../../shared/contract';
import { parseIdentityText, type UnlockKey } from '../packets/ageLayer';

/**
 * Packet files outside a vault, for the app and the command line: the key that
 * opens one, reading and checking it, and extracting its files.
 */

export { readPacketFile, type ReadPacket } from '../packets/receive';
export { unpackToFolder } from '../packets/unpack';
export { parseIdentityText, type UnlockKey } from '../packets/ageLayer';

/** The key that opens a packet: an age identity (parsed here) or the packet passphrase. */
export function packetUnlockKey(input: { identity?: string | undefined; passphrase?: string | undefined }): UnlockKey {
  if (input.identity !== undefined) return { kind: 'identities', identities: parseIdentityText(input.identity) };
  if (input.passphrase !== undefined) return { kind: 'passphrase', passphrase: input.passphrase };
  throw new AppError('invalid_input', 'Give an age identity or the packet passphrase.');
}
