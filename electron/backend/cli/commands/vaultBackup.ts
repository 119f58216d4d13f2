import { resolve } from 'node:path';
import { appVersion } from '../../appVersion';
import type { BackupPhase } from '../../services/backup';
import { backupVaultAs } from '../../services/vaultAdmin';
import { exitCodes } from '../exitCodes';
import { flag, requiredString, type CliCommand } from '../types';
import { existingVaultDir, withVault } from '../openVault';

const help = `Usage: offramp vault backup --vault DIR --to DIR [--passphrase-file F] [--user NAME] [--json]

Backs up the whole vault to a folder (e.g. a removable volume) as
offramp-backup-<vault id>-<time>/ holding offramp.db (encrypted, same key),
keyslots.json and backup.json (versions, sizes, SHA-256s). The folder is
written under a temporary name, flushed, renamed, then read back and checked
(hashes, integrity check, audit chain) before the command reports success.

Options:
  --vault DIR            the vault folder
  --to DIR               the folder to write the backup folder into
  --passphrase-file F    first line: the passphrase (else asked on the terminal)
  --user NAME            whose passphrase it is (default: the user it opens)
  --json                 print the result as JSON

Exit codes: 0 written and verified; 1 writing failed (e.g. the medium is full;
nothing is left on it); 2 usage; 3 wrong passphrase; 4 the copy did not verify.
`;

const phaseText: Record<BackupPhase, string> = {
  snapshot: 'Taking a snapshot of the vault',
  copy: 'Copying to the medium',
  verify: 'Reading back and verifying',
  done: 'Recording the backup',
};

export const vaultBackupCommand: CliCommand = {
  path: ['vault', 'backup'],
  summary: 'Back up the vault to a folder (removable media), verified before it reports success',
  help,
  options: {
    vault: { type: 'string' },
    to: { type: 'string' },
    'passphrase-file': { type: 'string' },
    user: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    existingVaultDir(args, io, 'vault backup');
    const targetDir = resolve(io.cwd, requiredString(args, 'to', 'vault backup'));
    const json = flag(args, 'json');
    const now = () => new Date();
    let shown: BackupPhase | null = null;
    const result = await withVault(args, io, 'vault backup', (session) =>
      backupVaultAs(session, () => Promise.resolve(targetDir), {
        appVersion: appVersion(),
        now,
        progress: (p) => {
          if (json || p.phase === shown) return;
          shown = p.phase;
          io.stderr(`${phaseText[p.phase]}…\n`);
        },
      }),
    );
    if (json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      io.stdout(
        `Backup written and verified: ${result.path}\n  ${result.cases} cases, ${(result.bytes / 1024 / 1024).toFixed(1)} MiB, schema ${result.schemaVersion}, audit events up to ${result.auditSeq}\n  SHA-256 of offramp.db: ${result.sha256}\n`,
      );
    }
    return exitCodes.ok;
  },
};
