// Prints the README's performance table from bench results: every target of
// every run (its value at each size, met or missed), then the figures without a
// target that the README reports beside them.
// Usage: node build/benchTable.mjs bench/results/<file>.json [more.json …]
// A growth file holds several runs; per-size files are read side by side.
import { readFileSync } from 'node:fs';

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('Usage: node build/benchTable.mjs RESULT.json [RESULT.json …]\n');
  process.exit(2);
}
const runs = files.flatMap((file) => {
  const result = JSON.parse(readFileSync(file, 'utf8'));
  if (result.format !== 'offramp-bench' || !Array.isArray(result.runs)) throw new Error(`${file} is not an offramp-bench result`);
  return result.runs;
});
runs.sort((a, b) => a.cases - b.cases);

const n = (value) => (typeof value !== 'number' || Number.isNaN(value) ? '—' : value >= 100 ? Math.round(value).toLocaleString('en-US') : String(Math.round(value * 100) / 100));
const sizes = runs.map((r) => r.cases.toLocaleString('en-US'));
const lines = [`| Figure | ${sizes.join(' | ')} | Target | Met (${sizes.join(' / ')}) |`, `|---|${sizes.map(() => '---|').join('')}---|---|`];

// The slowest list view differs between runs: one row for "the slowest view" whichever it is.
const key = (what) => what.replace(/ \(cached, slowest: .*$/, ' (cached, slowest view)');
const whats = [];
for (const run of runs) for (const t of run.targets) if (!whats.includes(key(t.what))) whats.push(key(t.what));
for (const what of whats) {
  const found = runs.map((run) => run.targets.find((t) => key(t.what) === what));
  const any = found.find((t) => t !== undefined);
  const unit = any.unit === 'x' ? '×' : ` ${any.unit}`;
  const limit = what.startsWith('control ratio') ? '0.9–1.1' : `≤ ${any.limit}${unit}`;
  const values = found.map((t) => (t === undefined ? 'not measured' : `${n(t.value)}${unit}`));
  const met = found.map((t) => (t === undefined ? '—' : t.met ? 'met' : 'missed'));
  lines.push(`| ${what} | ${values.join(' | ')} | ${limit} | ${met.join(' / ')} |`);
}

const extra = [
  ['control ratio range (plain against plain)', (r) => `${r.fair.control.ratioRange[0]}–${r.fair.control.ratioRange[1]}`],
  ["other processes' share of the CPU while measuring (%)", (r) => n(r.fair.otherProcessesCpuPercent)],
  ['full-text search, cached, p50 / p95 (ms)', (r) => `${n(r.fair.cached.search?.encrypted.p50)} / ${n(r.fair.cached.search?.encrypted.p95)}`],
  ['home, cached, p95 (ms)', (r) => n(r.fair.cached.home?.encrypted.p95)],
  ['verified backup / cp + fsync of the same file (ms)', (r) => (r.raw.encrypted.backup ? `${n(r.raw.encrypted.backup.ms)} / ${n(r.raw.encrypted.backup.cpMs)}` : '—')],
  ['audit verify, whole log / from the signed mark (ms)', (r) => `${n(r.raw.encrypted.auditVerify?.ms)} / ${n(r.raw.encrypted.auditVerifyIncremental?.ms)}`],
  ['unlock with the KDF, p50 (ms)', (r) => n(r.raw.encrypted.unlockWithKdf?.p50)],
  ['renderer: scroll to the last row, frame p50 / max (ms); frames over 50 ms', (r) => (r.renderer.measured ? `${n(r.renderer.scroll.frameMs.p50)} / ${n(r.renderer.scroll.frameMs.max)}; ${r.renderer.scroll.longFrames}${r.renderer.scroll.reachedLastRow ? '' : ' (last row not reached)'}` : 'not measured')],
  ['vault file (MiB) / audit events', (r) => `${n(r.data.vaultMiB)} / ${n(r.data.audit_events)}`],
];
lines.push('', `| Without a target | ${sizes.join(' | ')} |`, `|---|${sizes.map(() => '---|').join('')}`);
for (const [label, get] of extra) lines.push(`| ${label} | ${runs.map(get).join(' | ')} |`);
process.stdout.write(`${lines.join('\n')}\n`);
