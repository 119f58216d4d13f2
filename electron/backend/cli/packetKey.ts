import { parseIdentityText, type UnlockKey } from '../services/packetFiles';
import { CliError, exitCodes } from './exitCodes';
import { readRegularFile } from './inputFile';
import { obtainSecret } from './secrets';
import { optionalString, type CliArgs, type CliIo } from './types';

/** The key that opens a packet: --identity FILE (age key file) or the packet passphrase. */
export async function packetUnlockKey(args: CliArgs, io: CliIo, command: string): Promise<UnlockKey> {
  const identityFile = optionalString(args, 'identity');
  const passphraseFile = optionalString(args, 'packet-passphrase-file');
  if (identityFile !== undefined && passphraseFile !== undefined) {
    throw new CliError(exitCodes.usage, `Give either --identity or --packet-passphrase-file, not both. See "offramp ${command} --help".`);
  }
  if (identityFile === undefined) {
    return { kind: 'passphrase', passphrase: await obtainSecret(passphraseFile, io, 'Packet passphrase: ', 'packet passphrase') };
  }
  const text = readRegularFile(identityFile, io, { maxBytes: 64 * 1024, expected: 'an age identity file' }, `the identity file ${identityFile}`).toString('utf8');
  return { kind: 'identities', identities: parseIdentityText(text) };
}

/** A fingerprint as people copy it: hex digits with any separators. */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/[\s:-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new CliError(exitCodes.usage, 'A signer fingerprint is 64 hexadecimal digits (spaces, colons and dashes are ignored).');
  return hex;
}
