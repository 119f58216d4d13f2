import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { anchorAuditLog } from '../../services/vaultAdmin';
import { CliError, exitCodes } from '../exitCodes';
import { unlockOptions, unlockOptionsHelp, withVault } from '../openVault';
import { flag, requiredString, type CliCommand } from '../types';

const command = 'audit anchor';

const help = `Usage: offramp audit anchor --vault DIR [--user NAME] --passphrase-file FILE --out FILE [--json]

Writes a signed anchor of the audit log's current head to FILE (a new file):
the vault id, the number of events, the hash of the last one, the time and who
made it, signed with your own Ed25519 key. Keep it outside the vault
(removable media, a printout, another system). Later,
"offramp audit verify --anchor FILE" fails (exit 4) if events the anchor covers
were removed or rewritten, even when the log was re-chained with the database
key. Making the anchor is recorded in the audit log.

Options:
${unlockOptionsHelp}
  --out FILE               where to write the anchor (must not exist)
  --json                   print the anchor

Exit codes: 0 written; 2 FILE exists or cannot be created, or no vault at DIR;
3 wrong user name or passphrase.

Example:
  offramp audit anchor --vault /srv/offramp/vault --passphrase-file pass.txt --out /media/usb/anchor-2026-12-02.json
`;

export const auditAnchorCommand: CliCommand = {
  path: ['audit', 'anchor'],
  summary: 'Write a signed anchor of the audit log head (to keep outside the vault)',
  help,
  options: { ...unlockOptions, out: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const outArg = requiredString(args, 'out', command);
    const out = resolve(io.cwd, outArg);
    const anchor = await withVault(args, io, command, (session) => anchorAuditLog(session, new Date(), (text) => writeNewFile(out, outArg, text)));
    io.stdout(flag(args, 'json') ? `${JSON.stringify(anchor, null, 2)}\n` : `Wrote the audit anchor (${anchor.events} events, head ${anchor.headHash.slice(0, 12)}) to ${outArg}. Keep it outside the vault.\n`);
    return exitCodes.ok;
  },
};

/** Writes `text` to a file that must not exist yet, and makes it durable. */
function writeNewFile(out: string, outArg: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(out, 'wx', 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(exitCodes.usage, code === 'EEXIST' ? `${outArg} already exists; choose a new file name.` : `Cannot create ${outArg} (${code}).`);
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
