import { auditRead } from '../services/access';
import { AppError } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/ids';
import type { BackendContext } from '../context';
import { lockSession } from '../context';
import type { Handlers } from './types';
import type { VaultSession } from '../vault/session';
import { appendAudit, listAudit, verifyAudit } from '../vault/audit';
import { listRecoveries } from '../vault/grants';
import { vaultExists } from '../vault/keyslots';
import { setSetting } from '../vault/settings';
import { addUser, changePassphrase, changeUserRole, createVault, DEFAULT_IDLE_LOCK_MINUTES, recoverManager, rekeyVault, removeUser, requireManager, unlockVault, type VaultOptions } from '../vault/vault';

type VaultMethods =
  | 'vault.status'
  | 'vault.create'
  | 'vault.unlock'
  | 'vault.lock'
  | 'vault.recover'
  | 'vault.changePassphrase'
  | 'vault.rekey'
  | 'vault.setIdleLock'
  | 'users.list'
  | 'users.add'
  | 'users.remove'
  | 'users.setRole'
  | 'audit.list'
  | 'audit.verify';

const vaultOptions = (ctx: BackendContext): VaultOptions => ({ now: () => ctx.now(), kdf: ctx.options.kdf ?? 'default', log: (line) => ctx.log(line) });

/** The signed-in user, and for a program manager every passphrase reset with the recovery key (never silent). */
const unlocked = (session: VaultSession) => ({ user: session.user, recoveries: session.user.role === 'program_manager' ? listRecoveries(session.db) : [] });

export const vaultHandlers: Pick<Handlers, VaultMethods> = {
  'vault.status': (_input, ctx) => {
    const session = ctx.session;
    if (session !== null) {
      return { state: 'unlocked', training: session.training, user: session.user, idleLockMinutes: session.idleLockMinutes };
    }
    return { state: vaultExists(ctx.vaultDir()) ? 'locked' : 'none', training: false, user: null, idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES };
  },
  'vault.create': async (input, ctx) => {
    ctx.training = false;
    if (vaultExists(ctx.vaultDir())) throw new AppError('conflict', 'A vault already exists on this workstation.');
    const { session, recoveryKey } = await createVault(ctx.vaultDir(), { userName: input.userName, role: input.role, passphrase: input.passphrase }, vaultOptions(ctx));
    ctx.session = session;
    return { user: session.user, recoveryKey };
  },
  'vault.unlock': async (input, ctx) => {
    if (ctx.session !== null) lockSession(ctx, 'user');
    ctx.training = false;
    ctx.session = await unlockVault(ctx.vaultDir(), input.userName, input.passphrase, vaultOptions(ctx));
    return unlocked(ctx.session);
  },
  'vault.recover': async (input, ctx) => {
    if (ctx.session !== null) lockSession(ctx, 'user');
    ctx.training = false;
    const { user } = await recoverManager(ctx.vaultDir(), { recoveryKey: input.recoveryKey, userName: input.userName, passphrase: input.newPassphrase, reason: input.reason }, vaultOptions(ctx));
    ctx.session = await unlockVault(ctx.vaultDir(), user, input.newPassphrase, vaultOptions(ctx));
    return unlocked(ctx.session);
  },
  'vault.lock': (input, ctx) => {
    lockSession(ctx, input.reason);
    return { state: 'locked' };
  },
  'vault.changePassphrase': async (input, ctx) => {
    await changePassphrase(ctx.requireSession(), input.currentPassphrase, input.newPassphrase, vaultOptions(ctx));
    return { changed: true };
  },
  'vault.rekey': async (input, ctx) => ({ recoveryKey: await rekeyVault(ctx.requireSession(), input.passphrase, vaultOptions(ctx), input.reason) }),
  'vault.setIdleLock': (input, ctx) => {
    const session = ctx.requireSession();
    requireManager(session);
    session.db.transaction(() => {
      setSetting(session.db, 'idle_lock_minutes', String(input.minutes));
      appendAudit(session.db, { actor: session.user.name, action: 'settings.idle_lock', detail: { minutes: input.minutes } }, ctx.now());
    })();
    session.idleLockMinutes = input.minutes;
    return { idleLockMinutes: input.minutes };
  },
  'users.list': (_input, ctx) => {
    const rows = ctx.requireSession().db.prepare('SELECT name, role, created_at FROM users WHERE removed_at IS NULL ORDER BY name COLLATE NOCASE').all() as {
      name: string;
      role: Role;
      created_at: string;
    }[];
    return rows.map((r) => ({ name: r.name, role: r.role, createdAt: r.created_at }));
  },
  'users.add': (input, ctx) => addUser(ctx.requireSession(), input, vaultOptions(ctx)),
  'users.remove': (input, ctx) => {
    const recoveryKey = removeUser(ctx.requireSession(), input.name, vaultOptions(ctx), input.reason);
    return { removed: true, recoveryKey };
  },
  'users.setRole': (input, ctx) => changeUserRole(ctx.requireSession(), input.name, input.role, vaultOptions(ctx)),
  'audit.list': (input, ctx) => {
    const { db, user } = ctx.requireSession();
    const reasonOf = db.prepare('SELECT reason FROM subject_reveals WHERE id = ?');
    const events = listAudit(db, input);
    auditRead(db, user, input.caseId === undefined ? 'audit.read' : 'case.audit_read', input.caseId ?? null, ctx.now(), { events: events.length });
    return events.map((event) => {
      const revealId = event.detail['revealId'];
      const row = typeof revealId === 'string' ? (reasonOf.get(revealId) as { reason: string } | undefined) : undefined;
      return row === undefined ? event : { ...event, note: `Reason: ${row.reason}` };
    });
  },
  'audit.verify': (_input, ctx) => {
    const session = ctx.requireSession();
    const result = verifyAudit(session.db);
    appendAudit(session.db, { actor: session.user.name, action: 'audit.verify', detail: { ok: result.ok, events: result.events } }, ctx.now());
    return result;
  },
};
