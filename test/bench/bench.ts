import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { KdfProfile } from '../../electron/backend/vault/kdf';
import { openPlainDatabase } from './plainDatabase';
import { describeMachine, type Machine } from './machine';
import { BENCH_PASSPHRASE, copyForRun, ensureSeed, type ChildCommand, type RunCopy } from './seedCache';
import { checkTargets, compare, targetLimits, type Target } from './targets';
import { measureRenderer, type RendererInput, type RendererResult } from './renderer';
import { runWorker, type WorkerInput, type WorkerResult } from './worker';
import { measureFair, type FairFigures, type FairInput } from './fair';
import { exportRss, type ExportRssFigures } from './exportRss';

export interface BenchOptions {
  sizes: readonly number[];
  seed: number;
  /** bench/tmp: seeded hubs and working copies. */
  tmpDir: string;
  kdf?: KdfProfile;
  reps?: WorkerInput['reps'];
  /** Run each side in a child process (its own peak memory, its own core when seeding); tests run in-process. */
  child?: ChildCommand;
  progress?: (done: number, total: number) => void;
  /** Measure the renderer too (needs the built renderer and Chromium); the reason when not. */
  renderer: { run: true; scrollFrames?: number; unlocks?: number } | { run: false; reason: string };
  log: (line: string) => void;
  /** Samples per figure in the fair comparison (at least 200). */
  fairSamples?: number;
}

export type RendererFigures = RendererResult | { measured: false; reason: string };

export interface SizeRun {
  cases: number;
  seeding: { reused: boolean; seconds: number; casesPerSecond: number; auditEvents: number; schema: number; migrated: RunCopy['migrated'] };
  data: Record<string, number>;
  /** The machine's 1-minute load average when the run started and ended: other work on it skews the figures. */
  loadAverage: { start: number; end: number };
  figures: ReturnType<typeof compare>;
  targets: Target[];
  /** The built renderer in Chromium on the encrypted vault (the app has no plain side). */
  renderer: RendererFigures;
  raw: { encrypted: WorkerResult; plain: WorkerResult };
  /**
   * The fair comparison (test/bench/fair.ts): both databases in this one
   * process, samples interleaved, cached and uncached apart, with a plain
   * against plain control. The ratio targets are checked here.
   */
  fair: FairFigures;
  /**
   * Peak backend RSS above idle while a packet with 20 MiB of evidence is exported
   * to a folder, in a child of its own with the garbage collector exposed (a new
   * vault: the figure does not depend on the hub's size).
   */
  exportRss: ExportRssFigures;
}

export interface BenchResult {
  format: 'offramp-bench';
  version: 1;
  date: string;
  machine: Machine;
  seed: number;
  targetLimits: typeof targetLimits;
  notes: string[];
  runs: SizeRun[];
  /** The renderer's headline figures per hub size (the details are in each run). */
  renderer: Record<string, ReturnType<typeof rendererHeadline>>;
}

/** Counts of what a seeded hub holds, read from its plain twin. */
function dataCounts(plainPath: string, bytes: { vault: number; plain: number }): Record<string, number> {
  const db = openPlainDatabase(plainPath, { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const tables = ['cases', 'reports', 'indicators', 'analysis_items', 'actions', 'reviews', 'audit_events'] as const;
    return { ...Object.fromEntries(tables.map((t) => [t, count(t)])), vaultMiB: Math.round(bytes.vault / 1024 ** 2), plainMiB: Math.round(bytes.plain / 1024 ** 2) };
  } finally {
    db.close();
  }
}

/** Runs a bench command in a child process, the input (with the secrets) on standard input, never argv. */
function inChild<T>(child: NonNullable<ChildCommand>, command: 'worker' | 'renderer' | 'fair' | 'export-rss', input: object, what: string, nodeFlags: readonly string[] = []): T {
  const run = spawnSync(child.command, [...nodeFlags, ...child.args, command], {
    input: JSON.stringify(input),
    stdio: ['pipe', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`the ${what} measurement stopped (exit ${run.status ?? run.signal ?? 'unknown'})`);
  return JSON.parse(run.stdout) as T;
}

async function runSide(options: BenchOptions, input: WorkerInput): Promise<WorkerResult> {
  if (options.child === null || options.child === undefined) return runWorker(input, options.log);
  return inChild<WorkerResult>(options.child, 'worker', input, input.variant);
}

/**
 * The fair comparison in a process of its own, so its backend RSS is the memory of
 * a process holding the two databases, not of the bench that seeded and drove
 * the other children before it.
 */
async function runFair(options: BenchOptions, input: FairInput): Promise<FairFigures> {
  if (options.child === null || options.child === undefined) return measureFair({ ...input, log: options.log });
  return inChild<FairFigures>(options.child, 'fair', input, 'fair comparison');
}

/** The export memory figure, in a child whose idle level is settled by collecting garbage first. */
async function runExportRss(options: BenchOptions): Promise<ExportRssFigures> {
  if (options.child === null || options.child === undefined) return exportRss();
  return inChild<ExportRssFigures>(options.child, 'export-rss', {}, 'packet export memory', ['--expose-gc']);
}

async function runRenderer(options: BenchOptions, dataDir: string): Promise<RendererFigures> {
  if (!options.renderer.run) return { measured: false, reason: options.renderer.reason };
  const input: RendererInput = { dataDir, passphrase: BENCH_PASSPHRASE, ...(options.renderer.scrollFrames ? { scrollFrames: options.renderer.scrollFrames } : {}), ...(options.renderer.unlocks ? { unlocks: options.renderer.unlocks } : {}) };
  try {
    if (options.child === null || options.child === undefined) return await measureRenderer(input, options.log);
    return inChild<RendererResult>(options.child, 'renderer', input, 'renderer');
  } catch (error) {
    // The backend figures stand on their own; say why the renderer ones are missing.
    options.log(`renderer: ${error instanceof Error ? error.message : String(error)}`);
    return { measured: false, reason: `failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The renderer figures a reader looks for first. */
function rendererHeadline(figures: RendererFigures): { measured: false; reason: string } | Record<string, number> {
  if (!figures.measured) return figures;
  return {
    listTotal: figures.listTotal,
    unlockToCaseListExcludingKdfP50: figures.unlockToCaseListExcludingKdf.p50,
    unlockToCaseListExcludingKdfMax: figures.unlockToCaseListExcludingKdf.max,
    kdfP50: figures.kdf.p50,
    scrollFrameP50: figures.scroll.frameMs.p50,
    scrollFrameP95: figures.scroll.frameMs.p95,
    scrollFrameMax: figures.scroll.frameMs.max,
    longFrames: figures.scroll.longFrames,
  };
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const kdf = options.kdf ?? 'default';
  const runs: SizeRun[] = [];
  for (const cases of options.sizes) {
    options.log(`bench: ${cases.toLocaleString('en-US')} cases: preparing the synthetic hub`);
    const loadAtStart = loadavg()[0] ?? 0;
    const hub = await ensureSeed(options.tmpDir, cases, options.seed, kdf, options.child ?? null, options.progress);
    const work = copyForRun(hub, join(options.tmpDir, 'run'));
    const common = { vaultDir: work.vaultDir, plainPath: work.plainPath, passphrase: BENCH_PASSPHRASE, recoveryKey: hub.recoveryKey, seed: options.seed, ...(options.reps ? { reps: options.reps } : {}) };
    const encrypted = await runSide(options, { ...common, variant: 'encrypted', mediaDir: join(options.tmpDir, 'run', 'media-encrypted') });
    const plain = await runSide(options, { ...common, variant: 'plain', mediaDir: join(options.tmpDir, 'run', 'media-plain') });
    const renderer = await runRenderer(options, join(options.tmpDir, 'run'));
    const fair = await runFair(options, { vaultDir: work.vaultDir, plainPath: work.plainPath, recoveryKey: hub.recoveryKey, seed: options.seed, samples: options.fairSamples ?? 200 });
    options.log('bench: packet export with 20 MiB of evidence, peak memory above idle');
    const exportMemory = await runExportRss(options);
    runs.push({
      cases,
      seeding: {
        reused: !hub.fresh,
        seconds: hub.manifest.seconds,
        casesPerSecond: Math.round(cases / Math.max(hub.manifest.seconds, 0.001)),
        auditEvents: hub.manifest.auditEvents,
        schema: hub.manifest.schema,
        migrated: work.migrated,
      },
      data: dataCounts(hub.plainPath, work.bytes),
      loadAverage: { start: Number(loadAtStart.toFixed(2)), end: Number((loadavg()[0] ?? 0).toFixed(2)) },
      figures: compare(encrypted, plain),
      targets: checkTargets(encrypted, fair, renderer.measured ? renderer : null, exportMemory),
      renderer,
      raw: { encrypted, plain },
      fair,
      exportRss: exportMemory,
    });
  }
  return {
    format: 'offramp-bench',
    version: 1,
    date: new Date().toISOString(),
    machine: describeMachine(),
    seed: options.seed,
    targetLimits,
    notes: [
      'Times in milliseconds. runs[].fair is the comparison to read: the encrypted vault and its plain twin open in one process, samples interleaved (encrypted, plain, plain, encrypted, …), at least 200 per figure, after both working copies are fsynced and the kernel has written its dirty pages back (runs[].fair.settle).',
      'cached: one warm connection per side, the pages already decrypted in SQLite\'s cache. uncached: a fresh connection per sample with a 256 KiB page cache (far smaller than any query\'s working set), so every page is read through SQLite again and, on the encrypted side, decrypted and authenticated again; the file stays in the OS page cache on both sides, so disk reads are not part of either. The ratio target is checked on the uncached medians.',
      'control: the same measurements plain against plain (two connections to the same file); each control ratio must come out between 0.9 and 1.1, or the comparison itself is skewed. otherProcessesCpuPercent: the share of the machine\'s CPU used by other processes while measuring (/proc/stat minus this process).',
      'unlockToList: open with the raw database key (the KDF is excluded; it is timed alone as unlockWithKdf in raw.encrypted), home summary and the first page of the case list. addIndicator: the casework service, synchronous = FULL, checkpoints and index merges left to idle time as in the app.',
      'backendRssMb: resident memory of the measuring process (a child of its own) with both databases open; it never derives a key, so no KDF buffer is counted. raw.*: each side alone in a child process, one after the other (kept for the packet-export and audit figures); their ratios are not a fair comparison.',
      'exportRss: peak resident memory above the idle level while a packet with 20 MiB of evidence is exported, in a child process of its own with the garbage collector exposed so the idle level is settled; a new vault with the fast test KDF, so no scrypt buffer is counted.',
      'renderer: the built renderer in headless Chromium (no GPU) through the test harness, on the encrypted working copy. Scroll: the list moves a fixed distance every animation frame down to its last row; frame times are the gaps between frames.',
    ],
    runs,
    renderer: Object.fromEntries(runs.map((run) => [String(run.cases), rendererHeadline(run.renderer)])),
  };
}

/** Writes the result to bench/results/<date>-<label>.json and returns the path. */
export function writeResult(resultsDir: string, label: string, result: BenchResult): string {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${result.date.slice(0, 10)}-${label}.json`);
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}
