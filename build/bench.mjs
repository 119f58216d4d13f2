// Runs the synthetic-data tools of test/bench (TypeScript) in plain Node: bundles
// test/bench/entry.ts with esbuild to bench/tmp/build/bench.cjs and runs it with the
// given arguments. Usage: node build/bench.mjs seed|bench [options]
// The bench's renderer figures need the built renderer: built first when missing.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'bench/tmp/build/bench.cjs');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

await build({
  entryPoints: [join(root, 'test/bench/entry.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  // The native SQLCipher binding is loaded from node_modules, as the CLI does;
  // so is Playwright, which drives Chromium for the renderer figures.
  external: ['better-sqlite3-multiple-ciphers', 'playwright-core'],
  logLevel: 'warning',
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  // The test harness finds dist/renderer from its own folder.
  // The bench's backups record this Offramp's version, as the app's bundles do.
  define: { 'import.meta.url': '__import_meta_url', 'import.meta.dirname': JSON.stringify(join(root, 'test/harness')), OFFRAMP_VERSION: JSON.stringify(pkg.version) },
});

const args = process.argv.slice(2);
if (args[0] === 'bench' && !args.includes('--no-renderer') && !args.includes('--help') && !existsSync(join(root, 'dist/renderer/index.html'))) {
  process.stderr.write('bench: building the renderer first (npm run build)\n');
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const result = spawnSync(process.execPath, [outfile, ...args], { cwd: root, stdio: 'inherit' });
process.exitCode = result.status ?? 1;
