import { join } from 'node:path';
import { AppError } from '../../shared/contract';
import { appendAudit } from './vault/audit';
import type { KdfProfile } from './vault/kdf';
import type { VaultSession } from './vault/session';
import { databaseReplaced } from './vault/vault';

export type Transport = 'electron' | 'harness' | 'cli';

/**
 * What the host (the Electron main process, or the test harness) does for the
 * backend that needs a window: printing and the system's file dialogs. The backend
 * decides, validates and audits; the host only carries out.
 */
export interface HostServices {
  /** Opens the system print dialog for the window's current page; false when cancelled. */
  print(options: { pageSize: PageSize }): Promise<boolean>;
  /** Renders the window's current page to PDF. */
  printToPdf(options: { pageSize: PageSize }): Promise<Uint8Array>;
  /** Asks for a folder (e.g. a removable volume); null when cancelled. */
  chooseFolder(options: { title: string }): Promise<string | null>;
  /** Asks where to save a file; null when cancelled. */
  chooseSavePath(options: { title: string; defaultName: string; extension: string }): Promise<string | null>;
  /** Asks for a file to open; null when cancelled. */
  chooseOpenPath(options: { title: string; extensions: string[] }): Promise<string | null>;
}

export type PageSize = 'A4' | 'Letter';

export interface BackendOptions {
  /** Where vaults live. Nothing is written outside it. */
  readonly dataDir: string;
  readonly transport: Transport;
  readonly version: string;
  /** Injected clock, so tests can move time (idle lock, review dates). */
  readonly now?: () => Date;
  /** Where diagnostics go. Never receives case data or secrets. */
  readonly log?: (line: string) => void;
  /** Printing and dialogs; absent in the CLI. */
  readonly host?: HostServices;
  /** KDF cost for new keyslots; only test suites choose the fast, insecure profile. */
  readonly kdf?: KdfProfile;
}

/** Mutable state of one backend instance, shared by every handler. */
export interface BackendContext {
  readonly options: BackendOptions;
  session: VaultSession | null;
  /** Whether this backend works on the training vault instead of the real one. */
  training: boolean;
  now(): Date;
  log(line: string): void;
  /** The folder of the vault this backend opens. */
  vaultDir(): string;
  /**
   * Marks activity; if the session has been idle longer than its setting, locks
   * it first (recording why) so the call is answered as locked.
   */
  touch(): void;
  /** The unlocked session, or a 'locked' error. */
  requireSession(): VaultSession;
}

export function createContext(options: BackendOptions): BackendContext {
  const ctx: BackendContext = {
    options,
    session: null,
    training: false,
    now: options.now ?? (() => new Date()),
    log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
    vaultDir: () => join(options.dataDir, ctx.training ? 'training-vault' : 'vault'),
    touch() {
      const session = ctx.session;
      if (session === null) return;
      if (databaseReplaced(session)) {
        // Another Offramp program replaced the vault's keys and its file: this
        // session's connection points at the old file. Lock; the user unlocks again.
        ctx.session = null;
        ctx.training = false;
        session.close();
        ctx.log("offramp: the vault's keys were replaced by another Offramp program; the vault was locked.");
        return;
      }
      const now = ctx.now().getTime();
      if (now - session.lastActivity > session.idleLockMinutes * 60_000) {
        lockSession(ctx, 'idle');
        return;
      }
      session.lastActivity = now;
    },
    requireSession() {
      if (ctx.session === null || ctx.session.closed) throw new AppError('locked', 'The vault is locked. Unlock it to continue.');
      return ctx.session;
    },
  };
  return ctx;
}

/** Records the lock in the audit log, closes the database and drops the keys. */
export function lockSession(ctx: BackendContext, reason: 'user' | 'idle' | 'quit'): void {
  const session = ctx.session;
  if (session === null) return;
  ctx.session = null;
  try {
    appendAudit(session.db, { actor: session.user.name, action: 'vault.lock', detail: { reason } }, ctx.now());
  } catch (error) {
    ctx.log(`offramp: could not record the lock: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    session.close();
    // Locking always leads back to the real vault's unlock screen.
    ctx.training = false;
  }
}
