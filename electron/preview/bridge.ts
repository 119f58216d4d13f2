import { readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../main/security';

/**
 * The pieces shared by the browser preview (`npm start` without Electron's binary)
 * and the e2e harness: the built renderer served from disk under a made-up origin
 * with the app's Content-Security-Policy, every other request aborted, and
 * `window.offramp.invoke` bound to the real backend dispatcher through
 * exposeBinding — no server, no port.
 */

/** A made-up origin that never resolves; every request to it is answered from disk. */
export const APP_ORIGIN = 'https://offramp.invalid';

/** Chromium switches: no background traffic of its own, no QUIC. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The file of dist/renderer a URL names, or null when the URL is not the app's own. */
export function resolveRendererFile(rendererRoot: string, url: string): string | null {
  if (!url.startsWith(`${APP_ORIGIN}/`)) return null;
  const pathname = decodeURIComponent(new URL(url).pathname);
  const file = normalize(join(rendererRoot, pathname === '/' ? 'index.html' : pathname));
  return file.startsWith(rendererRoot + sep) ? file : null;
}

/**
 * The stand-in for the app:// protocol and the network kill switch: files of the
 * renderer are answered with the CSP; anything else is aborted and reported.
 */
export async function serveRenderer(context: BrowserContext, rendererRoot: string, onBlocked: (url: string) => void): Promise<void> {
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    const file = resolveRendererFile(rendererRoot, url);
    if (file === null) {
      onBlocked(url);
      await route.abort('blockedbyclient');
      return;
    }
    try {
      await route.fulfill({
        status: 200,
        body: readFileSync(file),
        headers: {
          'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      await route.fulfill({ status: 404, body: 'Not found' });
    }
  });
}

/** The value as JSON text when JSON gives it back unchanged (plain objects, arrays, strings, finite numbers, booleans, null), else null. */
function plainJson(value: unknown): string | null {
  let plain = true;
  const json = JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    // toJSON has already run on v (a Date is a string by now): look at the value itself.
    if (this[key] instanceof Date) plain = false;
    else if (v === undefined || typeof v === 'bigint' || typeof v === 'function' || typeof v === 'symbol' || (typeof v === 'number' && !Number.isFinite(v))) plain = false;
    else if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) plain = false;
    return v;
  });
  return plain && typeof json === 'string' ? json : null;
}

/**
 * Puts the same one-function bridge on window as the Electron preload does, bound to
 * `invoke`. `preview` adds a read-only flag the renderer shows as a banner.
 */
export async function bindBackend(
  context: BrowserContext,
  invoke: (method: unknown, input: unknown) => Promise<unknown>,
  options: { preview?: boolean; pathForFile?: (name: string) => string } = {},
): Promise<void> {
  // An answer that is plain JSON crosses as one string, parsed in the page: the
  // DevTools protocol turns a structured answer into page objects on the page's
  // main thread, about 25 ms for a 100-row list page, against well under 1 ms for
  // JSON.parse. Anything else (bytes, dates) crosses as it is.
  await context.exposeBinding('__offrampInvoke', async (_source, method: unknown, input: unknown) => {
    const answer = await invoke(method, input);
    const json = plainJson(answer);
    return json === null ? { value: answer } : { json };
  });
  // A dropped file's path: the preload asks Electron (webUtils.getPathForFile); here the
  // host answers by file name, and without an answer a drop gives no path.
  const pathOf = options.pathForFile;
  await context.exposeBinding('__offrampPathForFile', (_source, name: unknown) => (typeof name === 'string' && pathOf !== undefined ? pathOf(name) : ''));
  await context.addInitScript((preview: boolean) => {
    const w = window as unknown as { __offrampInvoke: (m: unknown, i: unknown) => Promise<unknown>; __offrampPathForFile: (name: string) => Promise<string>; offramp?: unknown };
    const bound = w.__offrampInvoke;
    const path = w.__offrampPathForFile;
    Object.defineProperty(window, 'offramp', {
      value: Object.freeze({
        invoke: async (method: unknown, input: unknown) => {
          const answer = (await bound(method, input)) as { json: string } | { value: unknown };
          return 'json' in answer ? (JSON.parse(answer.json) as unknown) : answer.value;
        },
        pathForFile: (file: unknown) => (file instanceof File ? path(file.name) : Promise.resolve('')),
        ...(preview ? { preview: true } : {}),
      }),
      writable: false,
      configurable: false,
    });
  }, options.preview === true);
}
