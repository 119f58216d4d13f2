import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createBackend, type Backend } from '../../electron/backend/backend';
import type { BackendOptions, HostServices } from '../../electron/backend/context';
import { APP_ORIGIN, bindBackend, chromiumArgs, serveRenderer } from '../../electron/preview/bridge';

/**
 * The test harness: the built renderer (dist/renderer) in Debian's Chromium, with
 * `window.offramp.invoke` bound to the real backend dispatcher through
 * page.exposeBinding — no server, no port. Only the transport differs from the
 * Electron app, where the preload forwards invoke over IPC to the same dispatcher.
 */

/** A made-up origin that never resolves; every request to it is answered from disk. */
export const HARNESS_ORIGIN = APP_ORIGIN;
export { chromiumArgs };

const repoRoot = resolve(import.meta.dirname, '..', '..');
const rendererRoot = join(repoRoot, 'dist', 'renderer');

export interface LaunchOptions {
  /** Where the backend keeps its vault. Default: a new temp directory, removed on close. */
  dataDir?: string;
  /** Extra backend options (e.g. a clock, the fast test KDF). */
  backend?: Partial<Omit<BackendOptions, 'dataDir' | 'transport'>>;
  viewport?: { width: number; height: number };
  /** Path of the page inside the renderer, e.g. 'index.html#print'. */
  path?: string;
}

export interface LaunchedApp {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  backend: Backend;
  dataDir: string;
  /** Every URL the page tried to load that was not the app's own (each was aborted). */
  blockedRequests: string[];
  /** Messages the page logged as errors (CSP violations, uncaught exceptions). */
  pageErrors: string[];
  /**
   * Answers for the next file dialogs, in order (a path, or null for "cancelled").
   * The system dialogs of the app are the one part a headless browser cannot show.
   */
  dialogAnswers: (string | null)[];
  /**
   * Where a file dropped on the window lives on disk, by its name: the harness's
   * stand-in for Electron's webUtils.getPathForFile (the preload's pathForFile).
   */
  dropPaths: Map<string, string>;
  /** How often the system print dialog was asked for. */
  printRequests: number;
  /** Opens the app again on the same data directory, as after a restart. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'offramp-e2e-'));
  const dialogAnswers: (string | null)[] = [];
  const dropPaths = new Map<string, string>();
  let printRequests = 0;
  let page: Page | null = null;
  const nextAnswer = () => Promise.resolve(dialogAnswers.length > 0 ? (dialogAnswers.shift() ?? null) : null);
  // The harness's stand-in for electron/main/host.ts: Chromium's own PDF renderer
  // instead of printToPDF, scripted answers instead of system dialogs.
  const host: HostServices = {
    print: () => {
      printRequests += 1;
      return Promise.resolve(true);
    },
    printToPdf: async ({ pageSize }) => {
      if (page === null) throw new Error('No page is open.');
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: pageSize, printBackground: true, preferCSSPageSize: true });
      await page.emulateMedia({ media: 'screen' });
      return new Uint8Array(pdf);
    },
    chooseFolder: nextAnswer,
    chooseSavePath: nextAnswer,
    chooseOpenPath: nextAnswer,
  };
  const makeBackend = () =>
    createBackend({ version: '0.0.0-harness', log: () => undefined, ...options.backend, host, dataDir, transport: 'harness' });
  let backend = makeBackend();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1360, height: 860 }, acceptDownloads: false, serviceWorkers: 'block' });
  const blockedRequests: string[] = [];
  const pageErrors: string[] = [];

  // The harness's stand-in for the app:// protocol and the network kill switch,
  // and the bridge to the backend (shared with the browser preview of `npm start`).
  await serveRenderer(context, rendererRoot, (url) => blockedRequests.push(url));
  await bindBackend(context, (method, input) => backend.invoke(method, input), { pathForFile: (name) => dropPaths.get(name) ?? '' });

  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  const url = `${HARNESS_ORIGIN}/${options.path ?? 'index.html'}`;
  await page.goto(url);

  const openPage = page;
  return {
    page: openPage,
    context,
    browser,
    get backend() {
      return backend;
    },
    dataDir,
    blockedRequests,
    pageErrors,
    dialogAnswers,
    dropPaths,
    get printRequests() {
      return printRequests;
    },
    async reload() {
      backend.close();
      backend = makeBackend();
      await openPage.goto(url);
    },
    async close() {
      backend.close();
      await browser.close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
