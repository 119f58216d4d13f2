import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseIdentityText, type UnlockKey } from '../packets/ageLayer';
import { CliError, exitCodes } from './exitCodes';
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
  let text: string;
  try {
    const path = resolve(io.cwd, identityFile);
    const bytes = readFileSync(path);
    if (bytes.length > 64 * 1024) throw new CliError(exitCodes.usage, `${identityFile} is too large to be an age identity file.`);
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(exitCodes.usage, `Cannot read the identity file ${identityFile} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  return { kind: 'identities', identities: parseIdentityText(text) };
}

/** A fingerprint as people copy it: hex digits with any separators. */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/[\s:-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new CliError(exitCodes.usage, 'A signer fingerprint is 64 hexadecimal digits (spaces, colons and dashes are ignored).');
  return hex;
}
