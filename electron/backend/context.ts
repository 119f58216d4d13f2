import type { VaultSession } from './vault/session';

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
