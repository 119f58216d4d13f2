import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';

// `npm start` after `npm run build`: build/start.mjs as a real process.
const root = resolve(import.meta.dirname, '..', '..');
const startScript = join(root, 'build', 'start.mjs');
const temps: string[] = [];
const children: ChildProcess[] = [];

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'offramp-start-'));
  temps.push(dir);
  return dir;
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A PATH and HOME only: no DISPLAY, no WAYLAND_DISPLAY, no Electron (an empty override folder). */
function bareEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: temp(), ELECTRON_OVERRIDE_DIST_PATH: temp(), OFFRAMP_CHROMIUM: '/usr/bin/chromium', ...extra };
}

function start(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => { stdout: string; stderr: string }; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [startScript], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => ({ stdout, stderr }), exit };
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function waitFor(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start without Electrons binary', () => {
  it('without a display: one sentence saying how to get one, exit 3, no browser started', async () => {
    const run = start(bareEnv({}));
    const code = await run.exit;
    const { stdout, stderr } = run.output();
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr.trim()).toMatch(/^Electron's binary is not installed here .*neither DISPLAY nor WAYLAND_DISPLAY is set.*`xvfb-run npm start`\.$/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('opens the preview (headless for the test): banner shown, backend answers, CSP on, other origins blocked', async () => {
    expect(existsSync(join(root, 'dist', 'preview', 'index.cjs')), 'run `npm run build` first').toBe(true);
    const port = await freePort();
    const dataDir = temp();
    const run = start(bareEnv({ OFFRAMP_PREVIEW_HEADLESS: '1', OFFRAMP_PREVIEW_CDP_PORT: String(port), OFFRAMP_PREVIEW_DATA_DIR: dataDir }));
    await waitFor(() => run.output().stdout.includes('Offramp preview is open'), 'the preview to open');
    expect(run.output().stdout).toMatch(/^Electron's binary is not installed here .* so Offramp opens as a preview in \/usr\/bin\/chromium instead\.\n/);

    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${String(port)}`);
    try {
      const page = browser.contexts()[0]?.pages()[0];
      if (page === undefined) throw new Error('no page in the preview');
      await page.getByRole('region', { name: 'Preview notice' }).waitFor();
      expect(await page.getByRole('region', { name: 'Preview notice' }).textContent()).toContain('Preview in a browser');
      // The backend answered through the bridge: the first-run screen (vault.status) and the version (app.info).
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.getByText(/^Offramp \d+\.\d+\.\d+/).waitFor();
      const info = await page.evaluate(() => (window as unknown as { offramp: { invoke(m: string, i: unknown): Promise<{ ok: boolean; value: { transport: string } }> } }).offramp.invoke('app.info', {}));
      expect(info.ok).toBe(true);
      // The same offline protections: a request to anywhere else never leaves.
      const reached = await page.evaluate(async () => {
        try {
          await fetch('https://example.com/');
          return true;
        } catch {
          return false;
        }
      });
      expect(reached).toBe(false);
      // The same CSP: an inline script does not run.
      const inlineRan = await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.body.append(script);
        return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
      });
      expect(inlineRan).toBe(false);
    } finally {
      await browser.close().catch(() => undefined);
    }
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  });
});

describe('npm start with Electrons binary', () => {
  it('launches Electron on the app folder', async () => {
    const dist = temp();
    const record = join(dist, 'launched.txt');
    writeFileSync(join(dist, 'electron'), `#!/bin/sh\nif [ "$1" = "--version" ]; then echo v45.4.1; exit 0; fi\necho "$@" > "${record}"\n`);
    chmodSync(join(dist, 'electron'), 0o755);
    const run = start({ ...bareEnv({}), ELECTRON_OVERRIDE_DIST_PATH: dist });
    expect(await run.exit).toBe(0);
    expect(readFileSync(record, 'utf8').trim()).toBe('.');
    expect(run.output().stdout).not.toContain('preview');
  });
});
