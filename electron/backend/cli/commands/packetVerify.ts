import { resolve } from 'node:path';
import type { PacketVerification } from '../../../../shared/contract/packets';
import { readPacketFile, unpackToFolder, type ReadPacket } from '../../services/packetFiles';
import { toVerification } from '../../services/packetReceive';
import { CliError, exitCodes } from '../exitCodes';
import { normalizeFingerprint, packetUnlockKey } from '../packetKey';
import { flag, optionalString, requiredString, type CliArgs, type CliCommand, type CliIo } from '../types';

const keyOptions = `  --identity AGE_KEY_FILE       the recipient's age identity file (as age-keygen writes it)
  --packet-passphrase-file F    or the packet passphrase on the first line (else asked)
  --signer FINGERPRINT          the sending hub's key fingerprint, obtained from it over a
                                trusted channel; a packet signed by any other key fails
  --json                        print the verification as JSON`;

const exits = `Exit codes: 0 verified; 2 bad options or unreadable file; 3 wrong identity or
passphrase; 4 the packet is damaged, altered, oversized, malformed, or not signed
by --signer.`;

const verifyHelp = `Usage: offramp packet verify FILE (--identity AGE_KEY_FILE | --packet-passphrase-file F)
                             [--signer FINGERPRINT] [--json]

Decrypts a referral packet in memory and checks everything: the archive is well
formed and within size limits, names are safe, the manifest matches its format,
its Ed25519 signature is valid, every listed file is present with the listed
size and SHA-256, and nothing else is there. Writes nothing to disk.

Options:
${keyOptions}

${exits}
`;

const openHelp = `Usage: offramp packet open FILE (--identity AGE_KEY_FILE | --packet-passphrase-file F)
                           --out DIR [--signer FINGERPRINT] [--json]

Verifies a referral packet as "offramp packet verify" does, then extracts its
files (manifest.json, manifest.sig, signer.pem, case.json, custody.json, the
summary and evidence files) into DIR, which must not exist or be empty. Nothing
is written outside DIR; nothing is written at all if verification fails.

Options:
  --out DIR                     the folder to extract into
${keyOptions}

${exits}
`;

const options = {
  identity: { type: 'string' },
  'packet-passphrase-file': { type: 'string' },
  signer: { type: 'string' },
  json: { type: 'boolean' },
} as const;

async function verified(args: CliArgs, io: CliIo, command: string, keepFiles = false): Promise<{ read: ReadPacket; verification: PacketVerification }> {
  const file = args.positionals[0] ?? '';
  const signerArg = optionalString(args, 'signer');
  const expected = signerArg === undefined ? null : normalizeFingerprint(signerArg);
  const key = await packetUnlockKey(args, io, command);
  const read = await readPacketFile(resolve(io.cwd, file), key, undefined, { keepFiles });
  const verification = toVerification(read, null);
  if (expected !== null) {
    if (verification.signature.fingerprint !== expected) {
      throw new CliError(exitCodes.integrity, `The packet is signed by key ${verification.signature.fingerprint}, not by the expected ${expected}; do not trust it.`);
    }
    verification.signature.pinned = true;
    verification.signature.pinLabel = '--signer';
  }
  return { read, verification };
}

function summary(v: PacketVerification): string {
  const m = v.manifest;
  const total = v.files.reduce((n, f) => n + f.size, 0);
  const width = Math.max(...v.files.map((f) => f.name.length));
  const lines = [
    `Packet ${v.packetId} verified: signature valid, every file present with its SHA-256.`,
    ...(v.training ? ['  TRAINING    this packet holds training data, not a real case'] : []),
    `  case        ${m.case.number} (profile ${m.profile}, recipient ${m.recipient})`,
    `  purpose     ${m.purpose}`,
    `  created     ${m.createdAt} by ${m.createdBy}`,
    `  signer      ${v.signature.fingerprint}`,
    v.signature.pinned
      ? '              matches the expected signer (--signer)'
      : '              NOT CHECKED: compare this fingerprint with the sending hub’s, or pass --signer',
    ...(v.addressedToKey === false ? ['  note        the manifest names another recipient key than the identity that opened it'] : []),
    `  packet      ${v.packetBytes} bytes, SHA-256 ${v.packetSha256}`,
    `  files       ${v.files.length} (${total} bytes)`,
    ...v.files.map((f) => `    ${f.name.padEnd(width)}  ${String(f.size).padStart(10)}  ${f.sha256}`),
  ];
  return `${lines.join('\n')}\n`;
}

export const packetVerifyCommand: CliCommand = {
  path: ['packet', 'verify'],
  summary: 'Decrypt a referral packet in memory and check its signature and every hash',
  help: verifyHelp,
  options,
  positionals: { min: 1, max: 1, name: 'the packet file' },
  async run(args, io) {
    const { verification } = await verified(args, io, 'packet verify');
    io.stdout(flag(args, 'json') ? `${JSON.stringify(verification, null, 2)}\n` : summary(verification));
    return exitCodes.ok;
  },
};

export const packetOpenCommand: CliCommand = {
  path: ['packet', 'open'],
  summary: "Verify a referral packet, then extract its files into a new folder",
  help: openHelp,
  options: { ...options, out: { type: 'string' } },
  positionals: { min: 1, max: 1, name: 'the packet file' },
  async run(args, io) {
    const out = requiredString(args, 'out', 'packet open');
    const { read, verification } = await verified(args, io, 'packet open', true);
    const unpacked = await unpackToFolder(resolve(io.cwd, out), read.packet.entries);
    if (flag(args, 'json')) {
      io.stdout(`${JSON.stringify({ ...verification, extractedTo: unpacked.dir, extracted: unpacked.files }, null, 2)}\n`);
    } else {
      io.stdout(`${summary(verification)}Extracted ${unpacked.files.length} files to ${unpacked.dir}\n`);
    }
    return exitCodes.ok;
  },
};
