import { resolve } from 'node:path';
import { ageRecipientSchema } from '../../../../shared/packets/manifest';
import { defaultPacketProfileId, packetProfile, packetProfileIdSchema, packetProfileIds } from '../../../../shared/packets/profiles';
import { exportPacket } from '../../services/packetExport';
import { CliError, exitCodes } from '../exitCodes';
import { readRegularFile } from '../inputFile';
import { obtainSecret } from '../secrets';
import { flag, optionalString, requiredString, type CliCommand } from '../types';
import { existingVaultDir, withVault } from '../openVault';
import { listEvidence } from '../../services/evidence';
import { findCaseId } from '../../services/cases';

const command = 'packet export';

const help = `Usage: offramp packet export --vault DIR --passphrase-file F [--user NAME]
         --case ID|NUMBER --to DIR
         (--recipient AGE_PUBLIC_KEY | --packet-passphrase-file F)
         [--profile P] [--purpose TEXT] [--evidence ID,ID,... | --all-evidence]
         [--summary-pdf FILE] [--json]

Writes a referral packet for one case into the folder DIR (a mounted removable
volume): the case minimized for the recipient, the chosen evidence files and
their custody log, an optional summary PDF, and a manifest signed by this
vault's key, encrypted with age to the recipient's public key or to a packet
passphrase. The file is written under a temporary name, flushed, renamed, read
back and checked before its path and SHA-256 are printed. The export is
recorded in the audit log and the case's custody log.

Options:
  --vault DIR                   the vault folder
  --passphrase-file F           your vault passphrase on the first line (else asked)
  --user NAME                   your user name (optional when the vault has one user)
  --case ID|NUMBER              the case, by id or number (e.g. OR-2026-0001)
  --to DIR                      the folder to write the packet into
  --recipient AGE_PUBLIC_KEY    the receiving agency's age public key (age1...)
  --packet-passphrase-file F    or a packet passphrase agreed with the recipient
  --profile P                   ${packetProfileIds.join(', ')}
                                (default ${defaultPacketProfileId}: pseudonymous, the least disclosed)
  --purpose TEXT                what the referral is for (default: the profile's name)
  --evidence ID,ID,...          evidence items whose files go in the packet
  --all-evidence                every evidence item of the case
  --summary-pdf FILE            the printed case summary to include
  --json                        print { path, sha256, packetId, bytes, manifestSha256 }

Exit codes: 0 written and verified; 1 writing failed (full, removed or
read-only medium; nothing is left behind); 2 bad options or unknown case;
3 wrong vault passphrase; 4 the vault's data failed an integrity check.
`;

export const packetExportCommand: CliCommand = {
  path: ['packet', 'export'],
  summary: 'Write a signed, encrypted referral packet for one case to a folder',
  help,
  options: {
    vault: { type: 'string' },
    'passphrase-file': { type: 'string' },
    user: { type: 'string' },
    case: { type: 'string' },
    to: { type: 'string' },
    recipient: { type: 'string' },
    'packet-passphrase-file': { type: 'string' },
    profile: { type: 'string' },
    purpose: { type: 'string' },
    evidence: { type: 'string' },
    'all-evidence': { type: 'boolean' },
    'summary-pdf': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    existingVaultDir(args, io, command);
    const caseRef = requiredString(args, 'case', command);
    const to = resolve(io.cwd, requiredString(args, 'to', command));
    const recipient = optionalString(args, 'recipient');
    const packetPassphraseFile = optionalString(args, 'packet-passphrase-file');
    if ((recipient === undefined) === (packetPassphraseFile === undefined)) {
      throw new CliError(exitCodes.usage, `Give either --recipient AGE_PUBLIC_KEY or --packet-passphrase-file F. See "offramp ${command} --help".`);
    }
    if (recipient !== undefined && !ageRecipientSchema.safeParse(recipient).success) {
      throw new CliError(exitCodes.usage, `--recipient is not an age public key (age1..., 62 characters).`);
    }
    const profileArg = optionalString(args, 'profile') ?? defaultPacketProfileId;
    const profileId = packetProfileIdSchema.safeParse(profileArg);
    if (!profileId.success) throw new CliError(exitCodes.usage, `Unknown profile "${profileArg}". Choose one of: ${packetProfileIds.join(', ')}.`);
    const purpose = optionalString(args, 'purpose') ?? packetProfile(profileId.data).label;
    const evidenceArg = optionalString(args, 'evidence');
    if (evidenceArg !== undefined && flag(args, 'all-evidence')) throw new CliError(exitCodes.usage, 'Give either --evidence or --all-evidence, not both.');
    const summaryArg = optionalString(args, 'summary-pdf');
    let summaryPdf: Buffer | null = null;
    if (summaryArg !== undefined) {
      summaryPdf = readRegularFile(summaryArg, io, { maxBytes: 64 * 1024 * 1024, expected: 'a printed case summary (PDF)' });
    }
    const key =
      recipient !== undefined
        ? ({ kind: 'recipient', recipient } as const)
        : ({ kind: 'passphrase', passphrase: await obtainSecret(packetPassphraseFile, io, 'Packet passphrase: ', 'packet passphrase') } as const);

    const result = await withVault(args, io, command, async (session) => {
      const caseId = findCaseId(session.db, caseRef);
      const evidenceIds = flag(args, 'all-evidence')
        ? (await listEvidence(session.db, caseId)).map((item) => item.id)
        : (evidenceArg ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
      return exportPacket(session, { caseId, profile: profileId.data, selection: { evidenceIds }, key, purpose, targetDir: to, summaryPdf }, { now: new Date() });
    });
    if (flag(args, 'json')) {
      io.stdout(`${JSON.stringify({ path: result.path, sha256: result.sha256, packetId: result.packetId, bytes: result.bytes, manifestSha256: result.manifestSha256 }, null, 2)}\n`);
    } else {
      io.stdout(`${result.path}\nSHA-256 ${result.sha256}\n`);
    }
    return exitCodes.ok;
  },
};
