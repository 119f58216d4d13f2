// Bundles test/bench/exportRss.ts (peak backend RSS during a 20 MiB packet export)
// with esbuild, as build/bench.mjs does for the main bench, and runs it with the
// garbage collector exposed so the idle figure is settled. Prints one JSON object.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'bench/tmp/build/exportRss.cjs');

await build({
  entryPoints: [join(root, 'test/bench/exportRssEntry.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['better-sqlite3-multiple-ciphers'],
  logLevel: 'warning',
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__import_meta_url' },
});

const result = spawnSync(process.execPath, ['--expose-gc', outfile], { cwd: root, stdio: 'inherit' });
process.exitCode = result.status ?? 1;
