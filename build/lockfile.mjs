// The production dependency tree as package-lock.json records it: the packages `npm ci`
// installs and electron-builder ships, each with its install path, version and integrity.
// Shared by the SBOM and the licence report so both speak about the same set.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readLockfile(root) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  if (typeof lock !== 'object' || lock === null || typeof lock.packages !== 'object' || lock.packages === null) {
    throw new Error('package-lock.json has no "packages" map (lockfileVersion 2 or later is required)');
  }
  return lock;
}

/** node_modules/a/node_modules/@s/b → @s/b */
export function packageNameFromPath(path) {
  const at = path.lastIndexOf('node_modules/');
  if (at === -1) throw new Error(`not a node_modules path: ${path}`);
  return path.slice(at + 'node_modules/'.length);
}

/**
 * Every package that is not dev-only, sorted by install path. `optional` marks packages npm
 * may legitimately skip on some platforms.
 */
export function productionPackages(lock) {
  const result = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev === true) continue;
    if (entry.link === true) throw new Error(`${path} is a linked package; the release tree must come from the registry`);
    if (typeof entry.version !== 'string') throw new Error(`${path} has no version in package-lock.json`);
    result.push({
      path,
      name: typeof entry.name === 'string' ? entry.name : packageNameFromPath(path),
      version: entry.version,
      integrity: typeof entry.integrity === 'string' ? entry.integrity : undefined,
      license: typeof entry.license === 'string' ? entry.license : undefined,
      optional: entry.optional === true || entry.devOptional === true || entry.peer === true,
    });
  }
  return result.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
