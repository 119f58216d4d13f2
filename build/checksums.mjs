// SHA256SUMS for a release folder: one line per installer, SBOM and licence report, in
// the format of GNU `sha256sum` so the air-gapped side can check it with tools it already
// has (`sha256sum -c`, `shasum -a 256 -c`, or PowerShell's Get-FileHash by hand).
//
//   node build/checksums.mjs [dir]            write dir/SHA256SUMS (default dir: release)
//   node build/checksums.mjs --verify [dir]   check every file listed in dir/SHA256SUMS
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SUMS_FILE = 'SHA256SUMS';

// What travels to the air-gapped network. electron-builder's own by-products (unpacked
// folders, builder-debug.yml with local paths, effective-config dumps) stay behind.
const RELEASE_FILES = [/\.AppImage$/, /\.deb$/, /\.rpm$/, /\.exe$/, /\.dmg$/, /^sbom\.cdx\.json$/, /^licenses\.(md|json)$/];
const INSTALLERS = [/\.AppImage$/, /\.deb$/, /\.rpm$/, /\.exe$/, /\.dmg$/];

/** The release files directly inside `dir`, sorted by name. */
export function releaseFiles(dir) {
  return readdirSync(dir)
    .filter((name) => RELEASE_FILES.some((pattern) => pattern.test(name)) && statSync(join(dir, name)).isFile())
    .sort();
}

export function isInstaller(name) {
  return INSTALLERS.some((pattern) => pattern.test(name));
}

/** Streams the file, so multi-hundred-megabyte installers do not sit in memory. */
export function sha256File(path) {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}

export function formatSums(entries) {
  return entries.map(({ name, sha256 }) => `${sha256}  ${name}\n`).join('');
}

/** Parses `sha256sum` output (text or binary mode); rejects anything else. */
export function parseSums(text) {
  const entries = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) throw new Error(`${SUMS_FILE} line ${index + 1} is not "<sha256>  <file name>"`);
    const name = match[2];
    if (name.includes('/') || name.includes('\\')) throw new Error(`${SUMS_FILE} line ${index + 1} names a path, not a file in the folder`);
    entries.push({ sha256: match[1], name });
  }
  return entries;
}

export async function writeChecksums(dir) {
  const names = releaseFiles(dir);
  if (names.length === 0) throw new Error(`no release files in ${dir}`);
  const entries = [];
  for (const name of names) entries.push({ name, sha256: await sha256File(join(dir, name)) });
  writeFileSync(join(dir, SUMS_FILE), formatSums(entries));
  return entries;
}

/** Every listed file must exist and match; files present but unlisted are reported too. */
export async function verifyChecksums(dir) {
  const listed = parseSums(readFileSync(join(dir, SUMS_FILE), 'utf8'));
  const result = { good: [], bad: [], missing: [], unlisted: [] };
  for (const { name, sha256 } of listed) {
    const path = join(dir, name);
    if (!existsSync(path)) result.missing.push(name);
    else if ((await sha256File(path)) === sha256) result.good.push(name);
    else result.bad.push(name);
  }
  const names = new Set(listed.map((entry) => entry.name));
  result.unlisted = releaseFiles(dir).filter((name) => !names.has(name));
  return result;
}

async function main(argv) {
  const verify = argv.includes('--verify');
  const dir = resolve(argv.find((arg) => !arg.startsWith('--')) ?? 'release');
  if (verify) {
    const result = await verifyChecksums(dir);
    for (const name of result.good) process.stdout.write(`${name}: OK\n`);
    for (const name of result.bad) process.stdout.write(`${name}: FAILED (checksum differs)\n`);
    for (const name of result.missing) process.stdout.write(`${name}: FAILED (missing)\n`);
    for (const name of result.unlisted) process.stdout.write(`${name}: not listed in ${SUMS_FILE}\n`);
    return result.bad.length + result.missing.length + result.unlisted.length === 0 ? 0 : 1;
  }
  const entries = await writeChecksums(dir);
  process.stdout.write(formatSums(entries));
  if (!entries.some((entry) => isInstaller(entry.name))) console.warn(`checksums: no installer in ${dir}; only the reports were summed`);
  process.stdout.write(`wrote ${join(dir, SUMS_FILE)}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`checksums: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}
