import type { VaultSession } from './vault/session';

export type Transport = 'electron' | 'harness' | 'cli';

export interface BackendOptions {
  /** Where vaults live. Nothing is written outside it. */
  readonly dataDir: string;
  readonly transport: Transport;
  readonly version: string;
  /** Injected clock, so tests can move time (idle lock, review dates). */
  readonly now?: () => Date;
  /** Where diagnostics go. Never receives case data or secrets. */
  readonly log?: (line: string) => void;
}

/** Mutable state of one backend instance, shared by every handler. */
export interface BackendContext {
  readonly options: BackendOptions;
  session: VaultSession | null;
  now(): Date;
  log(line: string): void;
}

export function createContext(options: BackendOptions): BackendContext {
  return {
    options,
    session: null,
    now: options.now ?? (() => new Date()),
    log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
  };
}
