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
function inChild<T>(child: NonNullable<ChildCommand>, command: 'worker' | 'renderer', input: object, what: string): T {
  const run = spawnSync(child.command, [...child.args, command], {
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
      targets: checkTargets(encrypted, plain, renderer.measured ? renderer : null),
      renderer,
      raw: { encrypted, plain },
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
      'Times in milliseconds. p50/p95 over repeated runs: 30 per case-list view, 100 searches, 100 case opens, 200 indicator writes; unlock 3 times, database open 20 times.',
      'Targets are set for 100,000 cases and checked against the encrypted vault; the ratio target is checked on medians of the query figures.',
      'Both sides hold the same synthetic hub (same seed), written the same way; the plain side is the same schema without a key, opened with the same connection settings.',
      'unlockWithKdf: unlockVault with the default scrypt profile (about half a second by design); its plain figure is the plain database open, for scale only.',
      'renderer: the built renderer in headless Chromium (no GPU) through the test harness, on the encrypted working copy after the backend figures. Unlock to case list = submit on the unlock form to the first frame of the home screen with its data, plus Alt+2 to the first frame of the list with its total and first row; the KDF is timed alone on the vault parameters and its median subtracted. Scroll: the list moves a fixed distance every animation frame; frame times are the gaps between frames.',
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
