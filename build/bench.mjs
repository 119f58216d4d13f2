// Runs the synthetic-data tools of test/bench (TypeScript) in plain Node: bundles
// test/bench/entry.ts with esbuild to bench/tmp/build/bench.cjs and runs it with the
// given arguments. Usage: node build/bench.mjs seed|bench [options]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'bench/tmp/build/bench.cjs');

await build({
  entryPoints: [join(root, 'test/bench/entry.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  // The native SQLCipher binding is loaded from node_modules, as the CLI does.
  external: ['better-sqlite3-multiple-ciphers'],
  logLevel: 'warning',
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__import_meta_url' },
});

const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exitCode = result.status ?? 1;
