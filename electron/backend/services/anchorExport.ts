import { closeSync, fsyncSync, openSync, statSync, writeSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { AppError } from '../../../shared/contract';
import type { AnchorExportResult, AnchorStatus } from '../../../shared/contract/records';
import type { SigningKey } from '../packets/signing';
import { appendAudit } from '../vault/audit';
import { makeAnchor } from '../vault/anchor';
import { syncFolder } from '../vault/keyslots';
import type { VaultSession } from '../vault/session';
import { getSetting, setSetting } from '../vault/settings';
import { requireVaultOp } from './access';
import { backupStatus } from './backup';

/**
 * "Export audit anchor": a program manager writes a signed anchor of the audit
 * log's head (vault/anchor.ts) to a folder outside the vault, usually removable
 * media, and the home screen reminds them when none has left the vault within
 * the backup reminder's interval (a verified backup carries one too).
 */
const SETTING_LAST_EXPORTED = 'anchor_last_exported_at';

export function anchorStatus(session: VaultSession, now: Date): AnchorStatus {
  const backup = backupStatus(session.db, now);
  const times = [getSetting(session.db, SETTING_LAST_EXPORTED), backup.lastVerifiedAt ?? undefined].filter((t): t is string => t !== undefined && !Number.isNaN(Date.parse(t)));
  const lastAnchorAt = times.sort().at(-1) ?? null;
  const due = lastAnchorAt === null || now.getTime() - Date.parse(lastAnchorAt) > backup.reminderDays * 86_400_000;
  return { lastAnchorAt, reminderDays: backup.reminderDays, due };
}

const stamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

export function exportAnchor(session: VaultSession, signer: SigningKey, targetDir: string, now: Date): AnchorExportResult {
  requireVaultOp(session.db, session.user, 'vault.anchor', now);
  const target = resolve(targetDir);
  const vaultDir = resolve(session.dir);
  if (target === vaultDir || target.startsWith(`${vaultDir}${sep}`)) {
    throw new AppError('invalid_input', 'An audit anchor kept inside the vault folder proves nothing: choose another folder or a removable volume. Nothing was written.');
  }
  let isFolder: boolean;
  try {
    isFolder = statSync(target).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw new AppError('invalid_input', `${targetDir} is not a folder that exists. Nothing was written.`);
  const anchor = makeAnchor(session, signer, now);
  const name = `offramp-audit-anchor-${anchor.vaultId.slice(0, 8)}-${stamp(now)}-${anchor.events}.json`;
  const path = join(target, name);
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError(code === 'EEXIST' ? 'conflict' : 'io', code === 'EEXIST' ? `${name} already exists there. Nothing was written.` : `Cannot write to ${targetDir} (${code}). Nothing was written.`);
  }
  try {
    writeSync(fd, `${JSON.stringify(anchor, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncFolder(target);
  session.db.transaction(() => {
    setSetting(session.db, SETTING_LAST_EXPORTED, now.toISOString());
    appendAudit(session.db, { actor: session.user.name, action: 'audit.anchor', detail: { events: anchor.events, headHash: anchor.headHash, file: name } }, now);
  })();
  return { path, name, events: anchor.events, headHash: anchor.headHash };
}
