import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { deriveKey } from '../../electron/backend/vault/kdf';
import { findSlot, readHeader } from '../../electron/backend/vault/keyslots';
import { launchApp } from '../harness/launchApp';
import { hubManager, SYNTH_NOW } from './hub';
import { now, round, summarize, type Summary } from './stats';

/**
 * Renderer figures through the test harness: the built renderer in Chromium on
 * the real backend, opening the benchmark's working copy of the vault.
 *
 * Unlock to an interactive case list: from the unlock form's submit event to the
 * first frame that shows the home screen, then from Alt+2 to the first frame
 * whose case list shows the total and its first row filled in. The KDF (scrypt,
 * deliberately about half a second) is timed on its own with the vault's own
 * parameters and subtracted. Scrolling: the list's scroll position moves a fixed
 * distance every animation frame; the time between frames is what a user sees.
 */
export interface RendererInput {
  /** The folder holding the working copy as `vault/` (the backend's data directory). */
  dataDir: string;
  passphrase: string;
  /** Unlock-to-list repetitions (the vault is locked again between them). */
  unlocks?: number;
  /** Frames of scrolling, and how far each frame scrolls. */
  scrollFrames?: number;
  scrollPxPerFrame?: number;
}

export interface RendererResult {
  measured: true;
  /** Cases the list reported once interactive. */
  listTotal: number;
  /** The KDF alone, timed on the vault's own parameters. */
  kdf: Summary;
  /** Submit on the unlock form to the first frame of the home screen with its data. */
  unlockToHome: Summary;
  /** Alt+2 on the home screen to the first frame of the case list with its first page. */
  homeToCaseList: Summary;
  /** The two together: unlock to an interactive case list, KDF included. */
  unlockToCaseList: Summary;
  /** The same, the median KDF subtracted from each run: what the target is about. */
  unlockToCaseListExcludingKdf: Summary;
  scroll: {
    frames: number;
    pxPerFrame: number;
    rowsScrolled: number;
    frameMs: Summary;
    /** Frames longer than 50 ms: a user sees those as a stutter. */
    longFrames: number;
    /** Frames in which some visible row still showed "Loading…" (its page not yet fetched). */
    framesWithLoadingRows: number;
    /** Whether the scroll reached the list's last row with its case shown. */
    reachedLastRow: boolean;
    lastRowIndex: number;
  };
  pageErrors: string[];
}

/** Height of a case-list row (CaseList.tsx). */
const ROW_PX = 40;

/** True when the built renderer is there (npm run build). */
export function rendererBuilt(repoRoot: string): boolean {
  return existsSync(join(repoRoot, 'dist', 'renderer', 'index.html'));
}

export async function measureRenderer(input: RendererInput, log: (line: string) => void): Promise<RendererResult> {
  const vaultDir = join(input.dataDir, 'vault');
  const slot = findSlot(readHeader(vaultDir), hubManager.name);
  if (slot === undefined) throw new Error(`The benchmark vault has no key slot for ${hubManager.name}.`);
  const kdfSamples: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const started = now();
    (await deriveKey(input.passphrase, slot.kdf)).fill(0);
    kdfSamples.push(now() - started);
  }
  const kdf = summarize(kdfSamples);

  const app = await launchApp({ dataDir: input.dataDir, backend: { now: () => SYNTH_NOW } });
  try {
    const { page } = app;
    const toHome: number[] = [];
    const toList: number[] = [];
    let listTotal = 0;
    for (let i = 0; i < (input.unlocks ?? 3); i += 1) {
      log(`renderer: unlock to the case list (${i + 1})`);
      if (i > 0) {
        await page.getByRole('button', { name: 'Lock', exact: true }).click();
      }
      await page.getByRole('heading', { name: 'Unlock the vault' }).waitFor();
      await page.getByLabel('User name').fill(hubManager.name);
      await page.getByLabel('Passphrase').fill(input.passphrase);
      // Armed (and the listener in place) before the click, so the start is never missed.
      await page.evaluate(armUntilFrame, { start: 'submit', ready: 'home' } as const);
      await page.getByRole('button', { name: 'Unlock' }).click();
      toHome.push((await waitArmed(page)).ms);
      await page.evaluate(armUntilFrame, { start: 'keydown', ready: 'list' } as const);
      await page.keyboard.press('Alt+2');
      const shown = await waitArmed(page);
      toList.push(shown.ms);
      listTotal = shown.total;
    }
    log('renderer: scrolling the case list');
    const frames = input.scrollFrames ?? 300;
    const px = input.scrollPxPerFrame ?? 600;
    const tracePath = process.env['OFFRAMP_BENCH_TRACE'];
    if (tracePath !== undefined) await app.browser.startTracing(page, { path: tracePath, screenshots: false, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing', 'toplevel'] });
    const scroll = await scrollFrames(page, frames, px);
    if (tracePath !== undefined) await app.browser.stopTracing();
    const sums = toHome.map((ms, i) => ms + (toList[i] ?? 0));
    return {
      measured: true,
      listTotal,
      kdf,
      unlockToHome: summarize(toHome),
      homeToCaseList: summarize(toList),
      unlockToCaseList: summarize(sums),
      unlockToCaseListExcludingKdf: summarize(sums.map((ms) => Math.max(0, ms - kdf.p50))),
      scroll: { frames: scroll.frameMs.n, pxPerFrame: px, rowsScrolled: Math.round((scroll.frameMs.n * px) / ROW_PX), ...scroll },
      pageErrors: [...app.pageErrors],
    };
  } finally {
    await app.close();
  }
}

/**
 * Runs in the page: arms a wait (read back with `armed`) for the next `start` event (the unlock form's submit,
 * or the Alt key press), then for the first animation frame at which the screen
 * is `ready`; resolves with the time between them.
 */
function armUntilFrame({ start, ready }: { start: 'submit' | 'keydown'; ready: 'home' | 'list' }): void {
  const isReady = (): number | null => {
    const title = document.getElementById('screen-title')?.textContent ?? '';
    if (ready === 'home') return title === 'Home' && !document.body.textContent.includes('Loading…') ? 0 : null;
    if (title !== 'Cases') return null;
    const count = /^([\d,]+) cases?$/.exec(document.querySelector('h1#screen-title + p')?.textContent?.trim() ?? '');
    const firstRow = document.getElementById('case-row-0');
    if (count === null || firstRow === null || firstRow.querySelector('.mono') === null) return null;
    return Number(count[1]?.replace(/,/g, ''));
  };
  (window as unknown as BenchWindow).offrampBenchWait = new Promise((resolve, reject) => {
    document.addEventListener(
      start,
      () => {
        const t0 = performance.now();
        const frame = (t: number) => {
          const total = isReady();
          if (total !== null) resolve({ ms: t - t0, total });
          else if (t - t0 > 60_000) reject(new Error(`The ${ready} screen was not ready after 60 s; the page shows: ${(document.body.textContent ?? '').slice(0, 300)}`));
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      },
      { capture: true, once: true },
    );
  });
}

interface BenchWindow {
  offrampBenchWait: Promise<{ ms: number; total: number }>;
}

/** Runs in the page: what armUntilFrame is waiting for. */
function armed(): Promise<{ ms: number; total: number }> {
  return (window as unknown as BenchWindow).offrampBenchWait;
}

/** Reads back the armed wait, giving up after 90 s (for a start event that never came). */
async function waitArmed(page: Page): Promise<{ ms: number; total: number }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('The screen did not react within 90 s.')), 90_000);
  });
  try {
    return await Promise.race([page.evaluate(armed), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Scrolls the case list down to its last row: at least `px` every frame, more
 * when `frames` frames would not reach the end, recording the time between
 * frames; then waits (still recording) until the last row shows its case.
 */
async function scrollFrames(page: Page, frames: number, px: number): Promise<{ frameMs: Summary; longFrames: number; framesWithLoadingRows: number; reachedLastRow: boolean; lastRowIndex: number }> {
  const samples = await page.evaluate(
    ({ frames: n, px: minStep }) =>
      new Promise<{ deltas: number[]; loading: number; reached: boolean; lastIndex: number }>((resolve) => {
        const grid = document.querySelector<HTMLElement>('[role="grid"]');
        if (grid === null) throw new Error('No case list on screen.');
        const rowCount = Number(grid.getAttribute('aria-rowcount') ?? '1') - 1;
        const step = Math.max(minStep, Math.ceil(grid.scrollHeight / n));
        const deltas: number[] = [];
        let loading = 0;
        let last = -1;
        const lastRowShown = () => {
          const row = document.getElementById(`case-row-${rowCount - 1}`);
          return row !== null && row.querySelector('.mono') !== null;
        };
        const frame = (t: number) => {
          if (last >= 0) deltas.push(t - last);
          last = t;
          if ([...grid.querySelectorAll('[role="row"] .muted')].some((cell) => cell.textContent === 'Loading…')) loading += 1;
          const atBottom = grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1;
          if ((atBottom && lastRowShown()) || deltas.length >= n * 3) {
            resolve({ deltas, loading, reached: lastRowShown(), lastIndex: rowCount - 1 });
            return;
          }
          grid.scrollTop += step;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { frames, px },
  );
  return {
    frameMs: summarize(samples.deltas.map((d) => round(d, 2))),
    longFrames: samples.deltas.filter((d) => d > 50).length,
    framesWithLoadingRows: samples.loading,
    reachedLastRow: samples.reached,
    lastRowIndex: samples.lastIndex,
  };
}
