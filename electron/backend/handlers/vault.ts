import type { BackendContext } from '../context';
import { lockSession } from '../context';
import type { Handlers } from './types';
import {
  addVaultUser,
  changePassphrase,
  changeUserRole,
  createVault,
  DEFAULT_IDLE_LOCK_MINUTES,
  listUsers,
  lockedVaultState,
  readAuditEvents,
  recoverManager,
  rekeyVaultAs,
  removeVaultUser,
  requireNoVault,
  setIdleLock,
  unlockedView,
  unlockVault,
  verifyAuditChain,
  type VaultOptions,
} from '../services/vaultAdmin';

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

export const vaultHandlers: Pick<Handlers, VaultMethods> = {
  'vault.status': (_input, ctx) => {
    const session = ctx.session;
    if (session !== null) {
      return { state: 'unlocked', training: session.training, user: session.user, idleLockMinutes: session.idleLockMinutes };
    }
    return { state: lockedVaultState(ctx.vaultDir()), training: false, user: null, idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES };
  },
  'vault.create': async (input, ctx) => {
    ctx.training = false;
    requireNoVault(ctx.vaultDir(), 'A vault already exists on this workstation.');
    const { session, recoveryKey } = await createVault(ctx.vaultDir(), { userName: input.userName, role: input.role, passphrase: input.passphrase }, vaultOptions(ctx));
    ctx.session = session;
    return { user: session.user, recoveryKey };
  },
  'vault.unlock': async (input, ctx) => {
    if (ctx.session !== null) lockSession(ctx, 'user');
    ctx.training = false;
    ctx.session = await unlockVault(ctx.vaultDir(), input.userName, input.passphrase, vaultOptions(ctx));
    return unlockedView(ctx.session);
  },
  'vault.recover': async (input, ctx) => {
    if (ctx.session !== null) lockSession(ctx, 'user');
    ctx.training = false;
    const { user } = await recoverManager(ctx.vaultDir(), { recoveryKey: input.recoveryKey, userName: input.userName, passphrase: input.newPassphrase, reason: input.reason }, vaultOptions(ctx));
    ctx.session = await unlockVault(ctx.vaultDir(), user, input.newPassphrase, vaultOptions(ctx));
    return unlockedView(ctx.session);
  },
  'vault.lock': (input, ctx) => {
    lockSession(ctx, input.reason);
    return { state: 'locked' };
  },
  'vault.changePassphrase': async (input, ctx) => {
    await changePassphrase(ctx.requireSession(), input.currentPassphrase, input.newPassphrase, vaultOptions(ctx));
    return { changed: true };
  },
  'vault.rekey': async (input, ctx) => ({ recoveryKey: await rekeyVaultAs(ctx.requireSession(), input.passphrase, vaultOptions(ctx), ctx.now(), input.reason) }),
  'vault.setIdleLock': (input, ctx) => ({ idleLockMinutes: setIdleLock(ctx.requireSession(), input.minutes, ctx.now()) }),
  'users.list': (_input, ctx) => listUsers(ctx.requireSession()),
  'users.add': (input, ctx) => addVaultUser(ctx.requireSession(), input, vaultOptions(ctx), ctx.now()),
  'users.remove': async (input, ctx) => ({ removed: true, recoveryKey: (await removeVaultUser(ctx.requireSession(), input.name, vaultOptions(ctx), ctx.now(), input.reason)).recoveryKey }),
  'users.setRole': (input, ctx) => changeUserRole(ctx.requireSession(), input.name, input.role, vaultOptions(ctx)),
  'audit.list': (input, ctx) => readAuditEvents(ctx.requireSession(), input, ctx.now()),
  'audit.verify': (_input, ctx) => verifyAuditChain(ctx.requireSession(), ctx.now()),
};
