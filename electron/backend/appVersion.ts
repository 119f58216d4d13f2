import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Defined by the esbuild bundles (build/build.mjs); absent when run from source (tests).
declare const OFFRAMP_VERSION: string | undefined;

let cached: string | undefined;

/** This Offramp's version: recorded in backups, and compared when one is restored. */
export function appVersion(): string {
  if (typeof OFFRAMP_VERSION === 'string') return OFFRAMP_VERSION;
  if (cached !== undefined) return cached;
  // From source: the package.json at the repository root, two folders up from here.
  const pkg = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
  cached = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  return cached;
}
