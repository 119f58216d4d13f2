// Bundles the Node-side entry points with esbuild: the Electron main process, the
// preload script, the `offramp` CLI and the browser preview. The renderer is built by Vite
// (build/vite.config.ts). Usage: node build/build.mjs [main|preload|cli ...]
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// Native and host modules stay outside the bundle: the native SQLCipher binding is
// rebuilt per runtime (Node for the CLI, Electron when packaging).
const external = ['electron', 'better-sqlite3-multiple-ciphers'];

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  external,
  logLevel: 'warning',
  define: { OFFRAMP_VERSION: JSON.stringify(pkg.version) },
  // Some dependencies are ESM-only and use import.meta.url; give the CJS bundle one.
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  inject: [],
};

const targets = {
  main: { entryPoints: [join(root, 'electron/main/index.ts')], outfile: join(root, 'dist/main/index.cjs') },
  // Sandboxed preloads must be a single CommonJS file that requires only 'electron'.
  preload: { entryPoints: [join(root, 'electron/preload/index.ts')], outfile: join(root, 'dist/preload/index.cjs'), external: ['electron'] },
  cli: { entryPoints: [join(root, 'electron/backend/cli/entry.ts')], outfile: join(root, 'dist/cli/offramp.cjs') },
  // The browser preview `npm start` opens when Electron's binary is missing (build/start.mjs).
  preview: { entryPoints: [join(root, 'electron/preview/index.ts')], outfile: join(root, 'dist/preview/index.cjs'), external: [...external, 'playwright-core'] },
};

const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(targets);
for (const name of wanted) {
  const target = targets[name];
  if (!target) {
    console.error(`build: unknown target "${name}" (choose from ${Object.keys(targets).join(', ')})`);
    process.exit(2);
  }
  await build({ ...common, ...target, define: { ...common.define, 'import.meta.url': '__import_meta_url' } });
}
