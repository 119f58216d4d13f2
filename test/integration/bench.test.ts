import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBench, writeResult, type BenchResult } from '../bench/bench';
import { growthTable } from '../bench/benchCommand';
import { ensureSeed } from '../bench/seedCache';

let root: string;
let result: BenchResult;
const logs: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'offramp-bench-'));
  result = await runBench({
    sizes: [30, 60],
    seed: 2,
    tmpDir: root,
    kdf: 'fast-insecure-for-tests',
    reps: { unlock: 1, open: 2, list: 2, search: 5, cases: 5, writes: 5, packets: 1 },
    child: null,
    renderer: { run: false, reason: 'measured in the e2e suite' },
    log: (line) => logs.push(line),
  });
}, 400_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the benchmark on real encrypted and plain files', () => {
  it('measures every figure on both sides, on the same data', () => {
    expect(result.runs.map((r) => r.cases)).toEqual([30, 60]);
    const run = result.runs[1];
    if (run === undefined) throw new Error('no run');
    expect(run.data).toMatchObject({ cases: 60, reports: 60, analysis_items: 300, actions: 300, reviews: 180 });
    for (const side of [run.raw.encrypted, run.raw.plain]) {
      expect(side.caseList.map((s) => s.ms.n)).toEqual(side.caseList.map(() => 2));
      expect(side.search.queries).toBe(5);
      expect(side.indicatorWrite.ms.n).toBe(5);
      expect(side.auditVerify.ok).toBe(true);
      // The 5 writes and the 5 audited views are in the chain (and, encrypted, the packet's evidence and export).
      expect(side.auditVerify.events).toBeGreaterThan(run.seeding.auditEvents + 10);
      expect(side.peakRssMb).toBeGreaterThan(0);
    }
    expect(run.raw.encrypted.packetExport).toMatchObject({ measured: true, evidenceBytes: 20 * 1024 * 1024 });
    if (!run.raw.encrypted.packetExport.measured) throw new Error('packet export not measured');
    expect(run.raw.encrypted.packetExport.packetBytes).toBeGreaterThan(20 * 1024 * 1024);
    expect(run.raw.plain.packetExport).toMatchObject({ measured: false });
    expect(run.raw.encrypted.unlockWithKdf?.n).toBe(1);
    expect(run.raw.plain.unlockWithKdf).toBeNull();
    expect(run.raw.encrypted.caseList.map((s) => s.total)).toEqual(run.raw.plain.caseList.map((s) => s.total));
    expect(run.raw.encrypted.search.meanHits).toBe(run.raw.plain.search.meanHits);
    expect(logs).toContain('encrypted: verify the audit log');
    // Audit verify from the signed mark walks only the events after it; a backup is timed beside a copy of the same file.
    expect(run.raw.encrypted.auditVerifyIncremental).toMatchObject({ ok: true, walked: 20 });
    expect(run.raw.encrypted.backup?.bytes).toBeGreaterThan(0);
    expect(run.raw.encrypted.backup?.cpMs).toBeGreaterThanOrEqual(0);
    expect(run.raw.plain.backup).toBeNull();
    expect(run.exportRss).toMatchObject({ figure: 'export-rss', evidenceBytes: 20 * 1024 * 1024, targetAboveIdleMB: 30 });
    expect(run.exportRss.packetBytes).toBeGreaterThan(20 * 1024 * 1024);
    expect(run.exportRss.peakRssMB).toBeGreaterThanOrEqual(run.exportRss.idleRssMB);
  });

  it('marks each target met or missed against its limit', () => {
    const targets = result.runs[0]?.targets ?? [];
    expect(targets.map((t) => t.what)).toEqual(
      expect.arrayContaining([
        'full-text search p95 (cached)',
        'add an indicator p95 (fully durable)',
        'add an indicator p50 (fully durable)',
        'unlock to interactive list, backend, KDF excluded (p95)',
        'backend RSS, both databases open (no KDF buffer)',
        'encrypted/plain ratio, uncached, search',
        'verified backup against a plain copy of the vault file (backup ÷ cp)',
        'packet export with 20 MiB of evidence, peak backend RSS above idle',
      ]),
    );
    for (const t of targets.filter((x) => !x.what.startsWith('control'))) expect(t.met).toBe(t.value <= t.limit);
    expect(result.runs[0]?.figures['search']).toMatchObject({ ratio: expect.any(Number) as unknown });
  });

  it('compares both databases in one process, interleaved, cached and uncached, beside a plain-against-plain control', () => {
    const fair = result.runs[1]?.fair;
    if (fair === undefined) throw new Error('no fair figures');
    expect(fair.samples).toBeGreaterThanOrEqual(200);
    for (const figures of [fair.cached, fair.uncached, fair.control.cached, fair.control.uncached]) {
      expect(Object.keys(figures)).toEqual(['case list, first page', 'case list, first page with total', 'case list, a deep page (keyset)', 'search', 'open a case (read)', 'home']);
      for (const p of Object.values(figures)) {
        expect(p.encrypted.n).toBeGreaterThanOrEqual(200);
        expect(p.plain.n).toBe(p.encrypted.n);
      }
    }
    expect(fair.control.ratioRange[0]).toBeLessThanOrEqual(fair.control.ratioRange[1]);
    expect(fair.addIndicator.encrypted.n).toBe(fair.samples);
    // Keyset: the walk reads every case once, whatever was added while measuring.
    expect(fair.deepList.rows).toBeGreaterThanOrEqual(60);
    expect(fair.settle.waitedMs).toBeGreaterThanOrEqual(0);
    expect(fair.otherProcessesCpuPercent).toBeGreaterThanOrEqual(0);
    expect(fair.backendRssMb).toBeGreaterThan(0);
    expect(result.notes.join(' ')).toMatch(/control/);
  });

  it('reuses a seeded hub of the same size and seed', async () => {
    const again = await ensureSeed(root, 30, 2, 'fast-insecure-for-tests', null);
    expect(again.fresh).toBe(false);
    expect(result.runs[0]?.seeding.reused).toBe(false);
  });

  it('writes the result as JSON with the machine described, and a growth table', () => {
    const path = writeResult(join(root, 'results'), 'test', result);
    const written = JSON.parse(readFileSync(path, 'utf8')) as BenchResult;
    expect(written.machine.cores).toBeGreaterThan(0);
    expect(written.machine.sqlite3mc).toMatch(/SQLite3 Multiple Ciphers/);
    expect(written.renderer).toEqual({ '30': { measured: false, reason: 'measured in the e2e suite' }, '60': { measured: false, reason: 'measured in the e2e suite' } });
    const growth = growthTable(result.runs);
    expect(Object.keys(growth['search p95 (ms)'] ?? {})).toEqual(['30', '60']);
  });
});
