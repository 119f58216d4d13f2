import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createBackend } from '../backend/backend';
import type { HostServices } from '../backend/context';
import { APP_ORIGIN, bindBackend, chromiumArgs, serveRenderer } from './bridge';

declare const OFFRAMP_VERSION: string;

/**
 * The browser preview of Offramp: what `npm start` opens when Electron's binary is
 * missing (build/start.mjs decides). The same built renderer, the same backend
 * bridge as the e2e harness, the same CSP and network kill switch, in the system's
 * Chromium; a banner says it is a preview. Bundled to dist/preview/index.cjs.
 *
 * Environment (set by build/start.mjs):
 *   OFFRAMP_CHROMIUM            the browser to drive (required)
 *   OFFRAMP_PREVIEW_HEADLESS=1  no window (tests)
 *   OFFRAMP_PREVIEW_DATA_DIR    where the preview's vault lives (default ~/.offramp-preview)
 *   OFFRAMP_PREVIEW_CDP_PORT    opens Chromium's debugging port on 127.0.0.1 (tests inspect the page)
 */

export interface PreviewOptions {
  chromiumPath: string;
  rendererRoot: string;
  dataDir: string;
  headless: boolean;
  debuggingPort?: number;
  log: (line: string) => void;
}

export interface RunningPreview {
  page: Page;
  /** Resolves when the window is closed (or close() is called). */
  closed: Promise<void>;
  close(): Promise<void>;
}

export async function openPreview(options: PreviewOptions): Promise<RunningPreview> {
  mkdirSync(options.dataDir, { recursive: true });
  let page: Page | null = null;
  // No system dialogs in a browser: exports are saved into the preview's own folder,
  // and files to import cannot be chosen (the full app has the system dialog).
  const exportsDir = join(options.dataDir, 'exports');
  const host: HostServices = {
    print: () => Promise.resolve(false),
    printToPdf: async ({ pageSize }) => {
      if (page === null) throw new Error('No page is open.');
      await page.emulateMedia({ media: 'print' });
      try {
        return new Uint8Array(await page.pdf({ format: pageSize, printBackground: true, preferCSSPageSize: true }));
      } finally {
        await page.emulateMedia({ media: 'screen' });
      }
    },
    chooseFolder: () => {
      mkdirSync(exportsDir, { recursive: true });
      return Promise.resolve(exportsDir);
    },
    chooseSavePath: ({ defaultName, extension }) => {
      mkdirSync(exportsDir, { recursive: true });
      const name = defaultName.endsWith(`.${extension}`) ? defaultName : `${defaultName}.${extension}`;
      return Promise.resolve(join(exportsDir, name));
    },
    chooseOpenPath: () => Promise.resolve(null),
  };
  const backend = createBackend({ version: typeof OFFRAMP_VERSION === 'string' ? OFFRAMP_VERSION : '0.0.0-preview', log: options.log, host, dataDir: options.dataDir, transport: 'harness' });
  // Chromium's sandbox stays on, except as root, where Chromium refuses to start with it.
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const args = [...chromiumArgs.filter((arg) => arg !== '--no-sandbox' || asRoot), '--window-size=1366,860'];
  if (options.debuggingPort !== undefined) args.push(`--remote-debugging-port=${String(options.debuggingPort)}`, '--remote-debugging-address=127.0.0.1');
  let browser;
  try {
    browser = await chromium.launch({ executablePath: options.chromiumPath, headless: options.headless, args });
  } catch (error) {
    backend.close();
    throw error;
  }
  const context = await browser.newContext({ viewport: options.headless ? { width: 1366, height: 768 } : null, acceptDownloads: false, serviceWorkers: 'block' });
  await serveRenderer(context, options.rendererRoot, (url) => options.log(`Blocked a request that left the app: ${url}`));
  await bindBackend(context, (method, input) => backend.invoke(method, input), { preview: true });
  page = await context.newPage();
  const openPage = page;
  let finished = false;
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((done) => {
    resolveClosed = done;
  });
  const close = async () => {
    if (finished) return;
    finished = true;
    backend.close();
    await browser.close().catch(() => undefined);
    resolveClosed();
  };
  openPage.on('close', () => void close());
  browser.on('disconnected', () => void close());
  await openPage.goto(`${APP_ORIGIN}/index.html`);
  return { page: openPage, closed, close };
}

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 && n < 65536 ? n : undefined;
}

async function main(): Promise<number> {
  const chromiumPath = process.env.OFFRAMP_CHROMIUM;
  if (chromiumPath === undefined || chromiumPath === '') {
    process.stderr.write('The preview needs OFFRAMP_CHROMIUM (start it with `npm start`).\n');
    return 2;
  }
  const preview = await openPreview({
    chromiumPath,
    rendererRoot: resolve(__dirname, '..', 'renderer'),
    dataDir: process.env.OFFRAMP_PREVIEW_DATA_DIR ?? join(homedir(), '.offramp-preview'),
    headless: process.env.OFFRAMP_PREVIEW_HEADLESS === '1',
    debuggingPort: positiveInt(process.env.OFFRAMP_PREVIEW_CDP_PORT),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const stop = () => void preview.close();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Started by build/start.mjs: if that process goes away, so does the preview.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 1000).unref();
  process.stdout.write('Offramp preview is open. Close the window (or press Ctrl+C) to quit.\n');
  await preview.closed;
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`The preview could not start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
