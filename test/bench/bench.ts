import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { KdfProfile } from '../../electron/backend/vault/kdf';
import { openPlainDatabase } from './plainDatabase';
import { describeMachine, type Machine } from './machine';
import { BENCH_PASSPHRASE, copyForRun, ensureSeed, type ChildCommand, type RunCopy } from './seedCache';
import { checkTargets, compare, targetLimits, type Target } from './targets';
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
  log: (line: string) => void;
}

export interface SizeRun {
  cases: number;
  seeding: { reused: boolean; seconds: number; casesPerSecond: number; auditEvents: number; schema: number; migrated: RunCopy['migrated'] };
  data: Record<string, number>;
  /** The machine's 1-minute load average when the run started and ended: other work on it skews the figures. */
  loadAverage: { start: number; end: number };
  figures: ReturnType<typeof compare>;
  targets: Target[];
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
  renderer: { measured: false; reason: string };
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

async function runSide(options: BenchOptions, input: WorkerInput): Promise<WorkerResult> {
  if (options.child === null || options.child === undefined) return runWorker(input, options.log);
  const child = spawnSync(options.child.command, [...options.child.args, 'worker'], {
    // Secrets go through standard input, never argv.
    input: JSON.stringify(input),
    stdio: ['pipe', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`the ${input.variant} measurement stopped (exit ${child.status ?? child.signal ?? 'unknown'})`);
  return JSON.parse(child.stdout) as WorkerResult;
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
      targets: checkTargets(encrypted, plain),
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
    ],
    runs,
    renderer: {
      measured: false,
      reason: 'Renderer figures (unlock to an interactive list of 100,000 cases, scroll frame times) need a harness hook on the case-list screen; see the README performance section.',
    },
  };
}

/** Writes the result to bench/results/<date>-<label>.json and returns the path. */
export function writeResult(resultsDir: string, label: string, result: BenchResult): string {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${result.date.slice(0, 10)}-${label}.json`);
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}
