import { spawnSync } from 'node:child_process';
import { closeSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import type { CaseCursor } from '../../shared/contract/cases';
import { readCaseRecord } from '../../electron/backend/services/caseStore';
import { listCases } from '../../electron/backend/services/cases';
import { addIndicator } from '../../electron/backend/services/casework';
import { homeSummary } from '../../electron/backend/services/home';
import { databasePath, type Db } from '../../electron/backend/vault/database';
import { openWithRecoveryKey } from '../../electron/backend/vault/vault';
import { SYNTH_NOW } from './hub';
import { openPlainDatabase } from './plainDatabase';
import { searchQueries } from './queries';
import { now, ratio, summarize, type Summary } from './stats';
import { newIndicator, pickCases, plainSession } from './worker';

/**
 * The fair comparison: the encrypted vault and its plain twin in one process,
 * samples interleaved (encrypted, plain, plain, encrypted, … so neither side
 * always goes first), after the working copies are flushed to disk and the
 * kernel's dirty pages have settled. Read figures come twice: cached (one warm
 * connection per side, pages already decrypted in SQLite's cache) and uncached
 * (a fresh connection per sample with a 256 KiB page cache, so every page a
 * query reads is read and, on the encrypted side, decrypted again; the file
 * itself stays in the OS page cache on both sides). A control runs the same
 * measurements plain against plain (two connections to the same file): its
 * ratio must come out between 0.9 and 1.1, or the comparison is skewed.
 */
export interface Pair {
  encrypted: Summary;
  plain: Summary;
  /** encrypted / plain, medians. */
  ratio: number | null;
  ratioP95: number | null;
}

export interface FairFigures {
  samples: number;
  settle: { dirtyKbBefore: number; dirtyKbAfter: number; waitedMs: number };
  /** Share of the machine's CPU used by other processes while measuring (from /proc/stat minus this process). */
  otherProcessesCpuPercent: number;
  cached: Record<string, Pair>;
  uncached: Record<string, Pair>;
  /** The same measurements, plain against plain: each ratio must be near 1.0. */
  control: { cached: Record<string, Pair>; uncached: Record<string, Pair>; ratioRange: [number, number]; withinBounds: boolean };
  /** Adding an indicator through the casework service, fully durable (synchronous = FULL), interleaved. */
  addIndicator: Pair;
  /** Open with the raw key (no KDF) → home summary → first page of the case list: the backend's part of unlock → interactive list. */
  unlockToList: Pair;
  /** Every page of the case list by keyset, first and last page times, and the whole walk. */
  deepList: { pages: number; rows: number; firstPage: Pair; lastPage: Pair; walkMs: { encrypted: number; plain: number } };
  /** Resident memory of this process with both databases open, no KDF buffer ever allocated. */
  backendRssMb: number;
}

const CONTROL_BOUNDS: [number, number] = [0.9, 1.1];

function dirtyKb(): number {
  try {
    const info = readFileSync('/proc/meminfo', 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(info)?.[1] ?? 0);
    return field('Dirty') + field('Writeback');
  } catch {
    return 0;
  }
}

/** fsyncs the copies, asks the kernel to write everything back, and waits (up to 60 s) for dirty pages to drain. */
export function settle(paths: readonly string[]): FairFigures['settle'] {
  const before = dirtyKb();
  const started = now();
  for (const path of paths) {
    const fd = openSync(path, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  spawnSync('sync');
  while (dirtyKb() > 8 * 1024 && now() - started < 60_000) spawnSync('sleep', ['0.5']);
  // A moment for the disk's own queue.
  spawnSync('sleep', ['1']);
  return { dirtyKbBefore: before, dirtyKbAfter: dirtyKb(), waitedMs: Math.round(now() - started) };
}

function cpuTicks(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

type Query = (db: Db, i: number) => unknown;

/** Interleaves samples of `a` and `b`: ABBA order, so neither side is always first or last. */
async function interleaved(count: number, a: (i: number) => Promise<number>, b: (i: number) => Promise<number>): Promise<{ a: Summary; b: Summary }> {
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < count; i += 1) {
    if (i % 2 === 0) {
      sa.push(await a(i));
      sb.push(await b(i));
    } else {
      sb.push(await b(i));
      sa.push(await a(i));
    }
  }
  return { a: summarize(sa), b: summarize(sb) };
}

const pair = (r: { a: Summary; b: Summary }): Pair => ({ encrypted: r.a, plain: r.b, ratio: ratio(r.a.p50, r.b.p50), ratioP95: ratio(r.a.p95, r.b.p95) });

/** The time of one call; a list read is asynchronous (the data layer), so it is awaited. */
async function timed(fn: () => unknown): Promise<number> {
  const start = now();
  await fn();
  return now() - start;
}

/** What the comparison needs; the recovery key travels on standard input when it runs in a child. */
export interface FairInput {
  vaultDir: string;
  plainPath: string;
  recoveryKey: string;
  seed: number;
  samples: number;
}

export async function measureFair(input: FairInput & { log: (line: string) => void }): Promise<FairFigures> {
  const n = Math.max(200, input.samples);
  const openEnc = () => openWithRecoveryKey(input.vaultDir, input.recoveryKey);
  const openPlain = () => openPlainDatabase(input.plainPath);
  // Bring both copies to the current schema before anything is timed.
  openEnc().close();
  openPlain().close();
  const settled = settle([databasePath(input.vaultDir), input.plainPath]);
  input.log(`fair: settled in ${settled.waitedMs} ms (dirty ${settled.dirtyKbBefore} → ${settled.dirtyKbAfter} kB)`);
  const cpuStart = cpuTicks();
  const ownStart = process.cpuUsage();
  const wallStart = now();

  const enc = openEnc();
  const plain = openPlain();
  const plain2 = openPlain();
  const today = SYNTH_NOW.toISOString().slice(0, 10);
  const ids = pickCases(plain, input.seed + 11, n);
  const queries = searchQueries(input.seed + 12, n);
  // The page after this case, by number, is the last page of the list.
  const beforeLast = (await listCases(plain, { sort: 'number', direction: 'desc', limit: 101, withTotal: false })).rows[100];
  const deepCursor: CaseCursor | undefined = beforeLast === undefined ? undefined : { key: beforeLast.number, number: beforeLast.number };
  const reads: Record<string, Query> = {
    'case list, first page': (db) => listCases(db, { sort: 'lastActivity', direction: 'desc', limit: 100, withTotal: false }, { today }),
    'case list, first page with total': (db) => listCases(db, { sort: 'lastActivity', direction: 'desc', limit: 100 }, { today }),
    'case list, a deep page (keyset)': (db) => listCases(db, { sort: 'number', direction: 'asc', limit: 100, withTotal: false, ...(deepCursor === undefined ? {} : { after: deepCursor }) }, { today }),
    search: (db, i) => listCases(db, { query: queries[i % queries.length] ?? 'loan', limit: 100 }, { today }),
    'open a case (read)': (db, i) => void readCaseRecord(db, ids[i % ids.length] ?? ''),
    home: (db) => homeSummary(db, { name: 'nobody', role: 'program_manager' }, today),
  };

  const cachedOf = async (a: Db, b: Db): Promise<Record<string, Pair>> => {
    const out: Record<string, Pair> = {};
    for (const [name, q] of Object.entries(reads)) {
      await q(a, 0);
      await q(b, 0);
      out[name] = pair(await interleaved(n, (i) => timed(() => q(a, i)), (i) => timed(() => q(b, i))));
    }
    return out;
  };
  const cold = async (open: () => Db, q: Query, i: number): Promise<number> => {
    const db = open();
    try {
      db.pragma('cache_size = -256');
      return await timed(() => q(db, i));
    } finally {
      db.close();
    }
  };
  const uncachedOf = async (openA: () => Db, openB: () => Db): Promise<Record<string, Pair>> => {
    const out: Record<string, Pair> = {};
    const coldN = Math.max(200, Math.round(n / 2));
    for (const [name, q] of Object.entries(reads)) out[name] = pair(await interleaved(coldN, (i) => cold(openA, q, i), (i) => cold(openB, q, i)));
    return out;
  };

  input.log('fair: cached reads');
  const cached = await cachedOf(enc, plain);
  const controlCached = await cachedOf(plain2, plain);
  input.log('fair: uncached reads');
  const uncached = await uncachedOf(openEnc, openPlain);
  const controlUncached = await uncachedOf(openPlain, openPlain);

  input.log('fair: unlock to list (KDF excluded)');
  const toList = (open: () => Db) => () =>
    timed(async () => {
      const db = open();
      await homeSummary(db, { name: 'nobody', role: 'program_manager' }, today);
      await listCases(db, { sort: 'lastActivity', direction: 'desc', limit: 100 }, { today });
      db.close();
    });
  const unlockToList = pair(await interleaved(Math.min(n, 200), toList(openEnc), toList(openPlain)));

  input.log('fair: deep list walk');
  const walk = async (db: Db) => {
    const times: number[] = [];
    let rows = 0;
    let after: CaseCursor | undefined;
    let knownTotal: number | undefined;
    const started = now();
    for (;;) {
      const t0 = now();
      const page = await listCases(db, { sort: 'lastActivity', direction: 'desc', limit: 100, withTotal: knownTotal === undefined, ...(knownTotal === undefined ? {} : { knownTotal }), ...(after === undefined ? {} : { after }) }, { today });
      times.push(now() - t0);
      if (page.total !== null) knownTotal = page.total;
      rows += page.rows.length;
      if (page.nextCursor === null) break;
      after = page.nextCursor;
    }
    return { times, rows, ms: now() - started };
  };
  type Walk = Awaited<ReturnType<typeof walk>>;
  const walks = { e: [] as Walk[], p: [] as Walk[] };
  for (let i = 0; i < 3; i += 1) {
    walks.e.push(await walk(enc));
    walks.p.push(await walk(plain));
  }
  const pageTimes = (w: Walk[], at: 'first' | 'last') => summarize(w.map((x) => (at === 'first' ? x.times[0] : x.times[x.times.length - 1]) ?? 0));
  const firstWalk = walks.e[0];
  const deepList = {
    pages: firstWalk?.times.length ?? 0,
    rows: firstWalk?.rows ?? 0,
    firstPage: pair({ a: pageTimes(walks.e, 'first'), b: pageTimes(walks.p, 'first') }),
    lastPage: pair({ a: pageTimes(walks.e, 'last'), b: pageTimes(walks.p, 'last') }),
    walkMs: { encrypted: Math.round(Math.min(...walks.e.map((w) => w.ms))), plain: Math.round(Math.min(...walks.p.map((w) => w.ms))) },
  };

  input.log('fair: add indicators (synchronous = FULL)');
  const encSession = plainSession(enc);
  const plainSess = plainSession(plain);
  const writeIds = pickCases(plain, input.seed + 13, n, "status <> 'closed'");
  const addIndicatorPair = pair(
    await interleaved(
      n,
      (i) => timed(() => addIndicator(encSession, writeIds[i] ?? '', null, newIndicator, SYNTH_NOW)),
      (i) => timed(() => addIndicator(plainSess, writeIds[i] ?? '', null, newIndicator, SYNTH_NOW)),
    ),
  );

  const backendRssMb = Math.round(process.memoryUsage().rss / 1024 ** 2);
  const cpuEnd = cpuTicks();
  const own = process.cpuUsage(ownStart);
  const wallMs = now() - wallStart;
  const ticksPerMs = (cpuEnd.total - cpuStart.total) / Math.max(1, wallMs);
  const ownTicks = ((own.user + own.system) / 1000) * ticksPerMs;
  const otherProcessesCpuPercent = cpuEnd.total > cpuStart.total ? Math.max(0, Math.round((100 * (cpuEnd.busy - cpuStart.busy - ownTicks)) / (cpuEnd.total - cpuStart.total))) : 0;
  for (const db of [enc, plain, plain2]) db.close();

  const ratios = [...Object.values(controlCached), ...Object.values(controlUncached)].map((p) => p.ratio ?? 0);
  return {
    samples: n,
    settle: settled,
    otherProcessesCpuPercent,
    cached,
    uncached,
    control: { cached: controlCached, uncached: controlUncached, ratioRange: [Math.min(...ratios), Math.max(...ratios)], withinBounds: ratios.every((r) => r >= CONTROL_BOUNDS[0] && r <= CONTROL_BOUNDS[1]) },
    addIndicator: addIndicatorPair,
    unlockToList,
    deepList,
    backendRssMb,
  };
}
