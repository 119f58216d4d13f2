import { createRequire } from 'node:module';
import { build } from 'esbuild';

/**
 * Bundles a TypeScript entry into one CommonJS file a plain `node` runs, for
 * tests that need real separate processes. The native SQLCipher binding stays
 * outside the bundle, loaded from this repository's node_modules.
 */
export async function bundleForNode(entry: string, outfile: string): Promise<void> {
  const binding = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'native-binding',
        setup(b) {
          b.onResolve({ filter: /^better-sqlite3-multiple-ciphers$/ }, () => ({ path: binding, external: true }));
        },
      },
    ],
  });
}
