import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exitCodes } from '../../electron/backend/cli/exitCodes';
import type { CliIo } from '../../electron/backend/cli/types';
import { runBench, writeResult, type BenchOptions, type BenchResult, type SizeRun } from './bench';
import { progressReporter } from './progress';
import { measureRenderer, rendererBuilt, type RendererInput } from './renderer';
import { exportRss } from './exportRss';
import { measureFair, type FairInput } from './fair';
import { fillOne, type FillInput } from './seedCache';
import { positiveInt } from './seedCommand';
import { runWorker, type WorkerInput } from './worker';

export const benchHelp = `Usage: npm run bench [-- --quick | --cases N | --growth] [--seed S] [--no-renderer]

Measures Offramp on a synthetic hub (seeded once under bench/tmp and reused),
an encrypted vault and the same schema unencrypted side by side: unlock, case
list pages, full-text search, opening a case, adding an indicator, audit verify,
packet export with 20 MiB of evidence, and peak memory; then the built renderer
in Chromium on the encrypted vault: unlock to an interactive case list, and
frame times while scrolling it. Prints JSON and writes it to
bench/results/<date>-<cases>.json; a summary goes to standard error.

Options:
  --cases N       size of the hub (default 100,000)
  --quick         10,000 cases (for CI)
  --growth        1,000, 10,000 and 100,000 cases, one after another
  --seed S        seed of the generator (default 1)
  --no-renderer   leave out the renderer figures (no Chromium needed)
`;

/** Key figures per size, to read how cost grows with the hub. */
export function growthTable(runs: readonly SizeRun[]): Record<string, Record<string, number>> {
  const table: Record<string, Record<string, number>> = {};
  const put = (figure: string, cases: number, value: number) => {
    table[figure] = { ...(table[figure] ?? {}), [String(cases)]: value };
  };
  for (const run of runs) {
    const e = run.raw.encrypted;
    put('search p95 (ms)', run.cases, e.search.ms.p95);
    put('case list, slowest view p95 (ms)', run.cases, Math.max(...e.caseList.map((s) => s.ms.p95)));
    put('open a case p95 (ms)', run.cases, e.viewCase.p95);
    put('add an indicator p95, fair (ms)', run.cases, run.fair.addIndicator.encrypted.p95);
    put('add an indicator p50, fair (ms)', run.cases, run.fair.addIndicator.encrypted.p50);
    put('unlock to list, backend, KDF excluded p95 (ms)', run.cases, run.fair.unlockToList.encrypted.p95);
    put('home p95, cached (ms)', run.cases, run.fair.cached['home']?.encrypted.p95 ?? Number.NaN);
    put('last page of the list p50 (ms)', run.cases, run.fair.deepList.lastPage.encrypted.p50);
    put('control ratio max', run.cases, run.fair.control.ratioRange[1]);
    put('audit verify (ms)', run.cases, e.auditVerify.ms);
    put('audit verify from the signed mark (ms)', run.cases, e.auditVerifyIncremental?.ms ?? Number.NaN);
    put('verified backup (ms)', run.cases, e.backup?.ms ?? Number.NaN);
    put('cp of the vault file (ms)', run.cases, e.backup?.cpMs ?? Number.NaN);
    put('unlock with KDF p50 (ms)', run.cases, e.unlockWithKdf?.p50 ?? Number.NaN);
    put('peak RSS (MB)', run.cases, e.peakRssMb);
    put('backend RSS, both databases open (MB)', run.cases, run.fair.backendRssMb);
    put('packet export (20 MiB of evidence), peak RSS above idle (MB)', run.cases, run.exportRss.aboveIdleMB);
    if (run.renderer.measured) {
      put('unlock to case list, KDF excluded, p50 (ms)', run.cases, run.renderer.unlockToCaseListExcludingKdf.p50);
      put('scroll frame p95 (ms)', run.cases, run.renderer.scroll.frameMs.p95);
    }
    put('vault size (MiB)', run.cases, run.data['vaultMiB'] ?? Number.NaN);
  }
  return table;
}

function summaryLines(result: BenchResult): string {
  const lines: string[] = [];
  for (const run of result.runs) {
    lines.push(`${run.cases.toLocaleString('en-US')} cases (${run.data['vaultMiB']} MiB encrypted, ${run.data['audit_events']?.toLocaleString('en-US')} audit events):`);
    const f = run.fair;
    lines.push(`  control ratio (plain against plain, must be 0.9–1.1): ${f.control.ratioRange[0]}–${f.control.ratioRange[1]}${f.control.withinBounds ? '' : '  ← the comparison is skewed'}; other processes used ${f.otherProcessesCpuPercent}% of the CPU`);
    for (const [kind, figures] of [['cached', f.cached], ['uncached', f.uncached]] as const) {
      for (const [name, p] of Object.entries(figures)) lines.push(`  ${kind.padEnd(8)} ${name}: encrypted p50 ${p.encrypted.p50} ms, plain ${p.plain.p50} ms, ratio ${p.ratio} (control ${f.control[kind][name]?.ratio ?? '?'})`);
    }
    for (const t of run.targets) lines.push(`  ${t.met ? 'met   ' : 'MISSED'} ${t.what}: ${t.value} ${t.unit} (target ≤ ${t.limit})`);
    const r = run.renderer;
    if (r.measured) lines.push(`  scrolling the case list to row ${r.scroll.lastRowIndex + 1}${r.scroll.reachedLastRow ? '' : ' (NOT reached)'}: frames p50 ${r.scroll.frameMs.p50} ms, p95 ${r.scroll.frameMs.p95} ms, max ${r.scroll.frameMs.max} ms, ${r.scroll.longFrames} over 50 ms, ${r.scroll.framesWithLoadingRows} with loading rows`);
    else lines.push(`  renderer not measured: ${r.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function benchCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      cases: { type: 'string' },
      quick: { type: 'boolean' },
      growth: { type: 'boolean' },
      seed: { type: 'string' },
      'fast-kdf': { type: 'boolean' },
      'no-renderer': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) {
    io.stdout(benchHelp);
    return exitCodes.ok;
  }
  const sizes = values.growth === true ? [1_000, 10_000, 100_000] : [values.quick === true ? 10_000 : positiveInt(values.cases, 'cases', 100_000)];
  const seed = positiveInt(values.seed, 'seed', 1);
  const root = io.cwd;
  const bundle = process.argv[1];
  let renderer: BenchOptions['renderer'] = { run: true };
  if (values['no-renderer'] === true) renderer = { run: false, reason: 'left out (--no-renderer)' };
  else if (!rendererBuilt(root)) renderer = { run: false, reason: 'the renderer is not built (npm run build)' };
  const result = await runBench({
    renderer,
    sizes,
    seed,
    tmpDir: resolve(root, 'bench/tmp'),
    kdf: values['fast-kdf'] === true ? 'fast-insecure-for-tests' : 'default',
    child: bundle === undefined ? null : { command: process.execPath, args: [bundle] },
    progress: progressReporter(io, 'seed'),
    log: (line) => io.stderr(`${line}\n`),
  });
  const output = values.growth === true ? { ...result, growth: growthTable(result.runs) } : result;
  const label = values.growth === true ? 'growth' : String(sizes[0]);
  const path = writeResult(resolve(root, 'bench/results'), label, output);
  io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  io.stderr(`${summaryLines(result)}bench: written to ${path}\n`);
  return exitCodes.ok;
}

/** A seeding child: fills one database, reporting progress for the encrypted one only. */
export async function fillCommand(io: CliIo): Promise<number> {
  const input = JSON.parse(await io.readStdin()) as FillInput;
  const events = fillOne(input, input.target === 'encrypted' ? progressReporter(io, 'seed') : undefined);
  io.stdout(`${events}\n`);
  return exitCodes.ok;
}

/** The renderer child: the harness and Chromium in a process of their own. */
export async function rendererCommand(io: CliIo): Promise<number> {
  const input = JSON.parse(await io.readStdin()) as RendererInput;
  const result = await measureRenderer(input, (line) => io.stderr(`${line}\n`));
  io.stdout(`${JSON.stringify(result)}\n`);
  return exitCodes.ok;
}

/** The fair-comparison child: both databases in this one process, figures on stdout. */
export async function fairCommand(io: CliIo): Promise<number> {
  const input = JSON.parse(await io.readStdin()) as FairInput;
  const figures = await measureFair({ ...input, log: (line) => io.stderr(`${line}\n`) });
  io.stdout(`${JSON.stringify(figures)}\n`);
  return exitCodes.ok;
}

/** The export-memory child (started with --expose-gc): figures on stdout. */
export async function exportRssCommand(io: CliIo): Promise<number> {
  io.stdout(`${JSON.stringify(await exportRss())}\n`);
  return exitCodes.ok;
}

/** The child side: reads its input (with the secrets) from standard input, prints its figures. */
export async function workerCommand(io: CliIo): Promise<number> {
  const input = JSON.parse(await io.readStdin()) as WorkerInput;
  const result = await runWorker(input, (line) => io.stderr(`${line}\n`));
  io.stdout(`${JSON.stringify(result)}\n`);
  return exitCodes.ok;
}
