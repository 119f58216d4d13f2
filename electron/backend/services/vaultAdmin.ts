import type { Role } from '../../../shared/domain/ids';
import { AppError } from '../../../shared/contract';
import type { AnchorExportResult, BackupResult } from '../../../shared/contract/records';
import { MIN_DECISION_REASON } from '../../../shared/security/separation';
import { storeOf } from '../data';
import { revealReasonsOf } from '../data/auditLog';
import { findCurrentUserNoCase, listCurrentUsers } from '../data/users';
import type { AuditEvent, AuditVerification } from '../vault/audit';
import { appendAudit, listAudit, verifyAudit } from '../vault/audit';
import { auditHead, checkAnchor, makeAnchor, shortHead, type AnchorCheck, type SignedAnchor } from '../vault/anchor';
import { verifyAuditIncremental, writeAuditMark, type IncrementalVerification } from '../vault/auditMark';
import { listRecoveries } from '../vault/grants';
import { vaultExists } from '../vault/keyslots';
import type { VaultSession } from '../vault/session';
import { setSetting } from '../vault/settings';
import { addUser, DEFAULT_IDLE_LOCK_MINUTES, rekeyVault, removeUser, requireManager, requirePassphraseStrength, sessionDatabaseKey, userSigningKey, type VaultOptions } from '../vault/vault';
import { auditRead, requireManagerOp } from './access';
import { exportAnchor } from './anchorExport';
import { createBackup, setBackupReminder, type BackupOptions } from './backup';

/**
 * The vault's own business (its state, users, keys, settings and audit log) for
 * every caller: the IPC handlers and the `offramp` commands apply the same rules
 * here, and neither reaches into vault/ itself.
 */

export { changePassphrase, changeUserRole, createVault, recoverManager, unlockVault, type VaultOptions } from '../vault/vault';
export { DEFAULT_IDLE_LOCK_MINUTES, requirePassphraseStrength, vaultExists };

/** Whether a vault lives in `dir`: none yet, or locked (an unlocked one is the caller's session). */
export function lockedVaultState(dir: string): 'locked' | 'none' {
  return vaultExists(dir) ? 'locked' : 'none';
}

/** The signed-in user, and for a program manager every passphrase reset with the recovery key (never silent). */
export function unlockedView(session: VaultSession) {
  return { user: session.user, recoveries: session.user.role === 'program_manager' ? listRecoveries(session.db) : [] };
}

/** The idle lock for everyone on this vault; the program manager's setting, audited. */
export function setIdleLock(session: VaultSession, minutes: number, now: Date): number {
  requireManager(session);
  session.db.transaction(() => {
    setSetting(session.db, 'idle_lock_minutes', String(minutes));
    appendAudit(session.db, { actor: session.user.name, action: 'settings.idle_lock', detail: { minutes } }, now);
  })();
  session.idleLockMinutes = minutes;
  return minutes;
}

export async function listUsers(session: VaultSession): Promise<{ name: string; role: Role; createdAt: string }[]> {
  const users = await listCurrentUsers(storeOf(session).q);
  return users.map((u) => ({ name: u.name, role: u.role, createdAt: u.createdAt }));
}

/** Adds a user (program manager only): the map decides, the new passphrase must be strong. */
export function addVaultUser(session: VaultSession, input: { name: string; role: Role; passphrase: string }, options: VaultOptions, now: Date) {
  requireManagerOp(session, 'vault.addUser', now);
  return addUser(session, input, options);
}

/** Removes a user and replaces the vault's keys (program manager only); returns the new recovery key and the user's stored name. */
export async function removeVaultUser(session: VaultSession, name: string, options: VaultOptions, now: Date, reason?: string): Promise<{ recoveryKey: string; removed: string }> {
  requireManagerOp(session, 'vault.removeUser', now);
  const row = await findCurrentUserNoCase(storeOf(session).q, name);
  const recoveryKey = removeUser(session, name, options, reason);
  return { recoveryKey, removed: row?.name ?? name };
}

/** Replaces the master and database keys (program manager only); returns the new recovery key. */
export function rekeyVaultAs(session: VaultSession, passphrase: string, options: VaultOptions, now: Date, reason?: string): Promise<string> {
  requireManagerOp(session, 'vault.rekey', now);
  return rekeyVault(session, passphrase, options, reason);
}

/** The audit events asked for; reading them is itself recorded, and a reveal shows its reason. */
export async function readAuditEvents(session: VaultSession, input: Parameters<typeof listAudit>[1] & { caseId?: string | undefined }, now: Date): Promise<(AuditEvent & { note?: string })[]> {
  const { db, user } = session;
  const events = listAudit(db, input);
  auditRead(db, user, input.caseId === undefined ? 'audit.read' : 'case.audit_read', input.caseId ?? null, now, { events: events.length });
  const revealIdOf = (event: AuditEvent): string | null => {
    const revealId = event.detail['revealId'];
    return typeof revealId === 'string' ? revealId : null;
  };
  const reasons = await revealReasonsOf(storeOf(session).q, events.flatMap((e) => revealIdOf(e) ?? []));
  return events.map((event) => {
    const revealId = revealIdOf(event);
    const reason = revealId === null ? undefined : reasons.get(revealId);
    return reason === undefined ? event : { ...event, note: `Reason: ${reason}` };
  });
}

/** Walks the whole hash chain; the walk is recorded. */
export function verifyAuditChain(session: VaultSession, now: Date): AuditVerification {
  const result = verifyAudit(session.db);
  appendAudit(session.db, { actor: session.user.name, action: 'audit.verify', detail: { ok: result.ok, events: result.events } }, now);
  return result;
}

export interface AuditLogCheck extends IncrementalVerification {
  anchor: (AnchorCheck & { events: number; at: string }) | null;
}

/**
 * The command line's verification: from the last signed mark (or every event
 * with `full`), and that the log extends `anchor`. A whole chain moves the mark
 * to the head; the verification is recorded, all in one write.
 */
export function verifyAuditLog(session: VaultSession, options: { full: boolean; anchor: SignedAnchor | null }, now: Date): AuditLogCheck {
  const { full, anchor } = options;
  return session.db
    .transaction(() => {
      const verification = verifyAuditIncremental(session.db, { full });
      const anchorCheck: AnchorCheck | null = anchor === null ? null : checkAnchor(session.db, anchor);
      if (verification.ok) {
        const head = auditHead(session.db);
        writeAuditMark(session.db, { seq: head.events, hash: head.hash }, userSigningKey(session), now);
      }
      appendAudit(
        session.db,
        {
          actor: session.user.name,
          action: 'audit.verify',
          detail: { ok: verification.ok, events: verification.events, from: verification.from, full, anchor: anchorCheck === null ? null : anchorCheck.ok },
        },
        now,
      );
      return { ...verification, anchor: anchorCheck === null || anchor === null ? null : { ...anchorCheck, events: anchor.events, at: anchor.at } };
    })
    .immediate();
}

/**
 * Signs an anchor of the audit log's head with the user's own key and hands its
 * text to `keep` (which writes it outside the vault); then records it.
 */
export function anchorAuditLog(session: VaultSession, now: Date, keep: (text: string) => void): SignedAnchor {
  const made = makeAnchor(session, userSigningKey(session), now);
  keep(`${JSON.stringify(made, null, 2)}\n`);
  appendAudit(session.db, { actor: session.user.name, action: 'audit.anchor', detail: { events: made.events, headHash: made.headHash } }, now);
  return made;
}

/** The audit head as printed on paper: events, hash and its short form. */
export function printableAuditHead(session: VaultSession): { events: number; hash: string; short: string } {
  const head = auditHead(session.db);
  return { events: head.events, hash: head.hash, short: shortHead(head) };
}

/** Refuses to act on a folder that already holds a vault. */
export function requireNoVault(dir: string, message: string): void {
  if (vaultExists(dir)) throw new AppError('conflict', message);
}

/**
 * Backs the whole vault up to removable media: the program manager's call,
 * decided before the folder is even asked for. The database key lives only for
 * the copy and is zeroed after.
 */
export async function backupVaultAs(
  session: VaultSession,
  target: () => Promise<string>,
  options: Omit<BackupOptions, 'targetDir' | 'now'> & { now: () => Date },
): Promise<BackupResult> {
  requireManagerOp(session, 'vault.backup', options.now());
  const targetDir = await target();
  const dbKey = sessionDatabaseKey(session);
  try {
    return await createBackup({ db: session.db, vaultDir: session.dir, dbKey, actor: session.user.name, signer: userSigningKey(session) }, { ...options, targetDir });
  } finally {
    dbKey.fill(0);
  }
}

/** How often to remind of a backup: the program manager's setting. */
export function setBackupReminderAs(session: VaultSession, days: number, now: Date): ReturnType<typeof setBackupReminder> {
  requireManager(session);
  return setBackupReminder(session.db, session.user.name, days, now);
}

/**
 * Before a restore over the vault in `target`: replacing a vault loses
 * everything since the backup, so only a signed-in program manager, who
 * confirms and says why, may do it. A new or empty folder needs none of this.
 */
export function requireReplaceAllowed(session: VaultSession | null, target: string, request: { confirmReplace: boolean; reason?: string | undefined }, now: Date): void {
  if (!vaultExists(target)) return;
  if (session === null) throw new AppError('locked', 'Sign in as a program manager to replace this workstation’s vault.');
  requireManagerOp(session, 'vault.restore', now);
  if (!request.confirmReplace) throw new AppError('invalid_input', 'Replacing the vault needs confirmation: everything recorded since the backup will be lost.');
  if ((request.reason ?? '').length < MIN_DECISION_REASON) {
    throw new AppError('invalid_input', `Replacing the vault needs a reason: write at least ${MIN_DECISION_REASON} characters saying why. The current vault was not changed.`);
  }
}

/** Writes a signed audit anchor to removable media: the program manager's call, decided before the folder is asked for. */
export async function exportAnchorAs(session: VaultSession, target: () => Promise<string>, now: Date): Promise<AnchorExportResult> {
  requireManagerOp(session, 'vault.anchor', now);
  return exportAnchor(session, userSigningKey(session), await target(), now);
}

export { parseAnchor, type SignedAnchor } from '../vault/anchor';
