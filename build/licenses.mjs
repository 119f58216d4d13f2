// Licence report of the production dependencies (npm run licenses).
//
//   node build/licenses.mjs [--out release] [--policy build/license-policy.json]
//
// The set of packages is the production tree of package-lock.json (as for the SBOM); the
// licence of each is read from its installed package.json, whose version must match the
// lockfile, so the report describes the files that electron-builder will actually pack.
// Writes licenses.json and licenses.md, and fails when a package is missing, differs
// from the lockfile, declares no licence, or declares one outside build/license-policy.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { productionPackages, readLockfile } from './lockfile.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_POLICY_PATH = 'build/license-policy.json';
export const DEFAULT_OUT_DIR = 'release';

export function readPolicy(path) {
  const policy = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(policy.allowed) || !policy.allowed.every((id) => typeof id === 'string')) {
    throw new Error(`${path}: "allowed" must be a list of SPDX identifiers`);
  }
  return { allowed: policy.allowed, exceptions: policy.exceptions ?? {} };
}

/**
 * The licence a package.json declares, as one SPDX-style expression, or undefined.
 * Old packages use {type} objects or a "licenses" array; an array is read as AND, the
 * cautious reading, since it does not say whether the licences are alternatives.
 */
export function declaredLicense(manifest) {
  const asText = (value) => {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (value && typeof value === 'object' && typeof value.type === 'string' && value.type.trim() !== '') return value.type.trim();
    return undefined;
  };
  const single = asText(manifest.license);
  if (single) return single;
  if (Array.isArray(manifest.licenses)) {
    const all = manifest.licenses.map(asText);
    if (all.length > 0 && all.every(Boolean)) return all.length === 1 ? all[0] : all.map((id) => `(${id})`).join(' AND ');
  }
  return undefined;
}

function tokenize(expression) {
  return expression.replace(/[()]/g, ' $& ').trim().split(/\s+/);
}

/**
 * Whether an SPDX licence expression is acceptable under `allowed`. Returns false for
 * anything it cannot parse. "X WITH Y" passes only if that exact pair is listed.
 */
export function expressionAllowed(expression, allowed) {
  const tokens = tokenize(expression);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];
  const isKeyword = (token) => token === 'AND' || token === 'OR' || token === 'WITH' || token === '(' || token === ')';

  function atom() {
    const token = next();
    if (token === '(') {
      const value = orExpression();
      if (next() !== ')') throw new Error('unbalanced parenthesis');
      return value;
    }
    if (token === undefined || isKeyword(token)) throw new Error(`unexpected ${token ?? 'end'}`);
    if (peek() === 'WITH') {
      next();
      const exception = next();
      if (exception === undefined || isKeyword(exception)) throw new Error('WITH needs an exception');
      return allowed.includes(`${token} WITH ${exception}`);
    }
    return allowed.includes(token);
  }
  function andExpression() {
    let value = atom();
    while (peek() === 'AND') {
      next();
      value = atom() && value;
    }
    return value;
  }
  function orExpression() {
    let value = andExpression();
    while (peek() === 'OR') {
      next();
      value = andExpression() || value;
    }
    return value;
  }

  try {
    const value = orExpression();
    return at === tokens.length ? value : false;
  } catch {
    return false;
  }
}

/** One entry per production package: where it is, what it declares, and the verdict. */
export function collectLicenses(projectRoot, policy) {
  const entries = [];
  for (const pkg of productionPackages(readLockfile(projectRoot))) {
    const entry = { name: pkg.name, version: pkg.version, path: pkg.path, license: null, status: 'allowed', note: '' };
    const manifestPath = join(projectRoot, pkg.path, 'package.json');
    if (!existsSync(manifestPath)) {
      entry.status = pkg.optional ? 'not-installed' : 'missing';
      entry.note = pkg.optional ? 'optional, not installed on this platform' : 'in package-lock.json but not installed (run npm ci)';
      entries.push(entry);
      continue;
    }
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.version !== pkg.version || manifest.name !== pkg.name) {
      entry.status = 'mismatch';
      entry.note = `installed ${manifest.name}@${manifest.version} differs from package-lock.json (run npm ci)`;
      entries.push(entry);
      continue;
    }
    const license = declaredLicense(manifest);
    entry.license = license ?? null;
    const exception = policy.exceptions[`${pkg.name}@${pkg.version}`];
    if (license === undefined) {
      entry.status = 'missing-license';
      entry.note = 'package.json declares no licence';
    } else if (expressionAllowed(license, policy.allowed)) {
      entry.status = 'allowed';
    } else if (exception && exception.license === license) {
      entry.status = 'exception';
      entry.note = exception.reason ?? '';
    } else {
      entry.status = 'rejected';
      entry.note = `"${license}" is not in the licence policy`;
    }
    entries.push(entry);
  }
  return entries;
}

const FAILING = new Set(['missing', 'mismatch', 'missing-license', 'rejected']);

export function licenseProblems(entries) {
  return entries.filter((entry) => FAILING.has(entry.status)).map((entry) => `${entry.name}@${entry.version}: ${entry.note}`);
}

export function licenseSummary(entries) {
  const counts = new Map();
  for (const entry of entries) {
    if (entry.license === null) continue;
    counts.set(entry.license, (counts.get(entry.license) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([license, packages]) => ({ license, packages }));
}

const cell = (text) => String(text).replace(/\|/g, '\\|');

export function renderMarkdown(app, entries) {
  const lines = [
    `# Third-party licences: ${app.name} ${app.version}`,
    '',
    'Production dependencies shipped inside the Offramp installers, read from package-lock.json and the',
    'installed package.json of each package. Dependencies used only to build and test Offramp are not shipped',
    'and not listed. The Electron runtime (MIT) carries its own notices, for Chromium and its components too,',
    'in LICENSE.electron.txt and LICENSES.chromium.html in the installed program folder (on macOS, in',
    'Offramp.app/Contents/Resources).',
    '',
    '## Summary',
    '',
    '| Licence | Packages |',
    '| --- | ---: |',
    ...licenseSummary(entries).map(({ license, packages }) => `| ${cell(license)} | ${packages} |`),
    '',
    '## Packages',
    '',
    '| Package | Version | Licence | Status |',
    '| --- | --- | --- | --- |',
    ...entries.map((e) => `| ${cell(e.name)} | ${cell(e.version)} | ${cell(e.license ?? '(none)')} | ${cell(e.note ? `${e.status}: ${e.note}` : e.status)} |`),
    '',
  ];
  return lines.join('\n');
}

export function writeLicenseReport(projectRoot, outDir, policyPath) {
  const policy = readPolicy(policyPath);
  const app = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
  const entries = collectLicenses(projectRoot, policy);
  const problems = licenseProblems(entries);
  mkdirSync(outDir, { recursive: true });
  const report = { application: { name: app.name, version: app.version }, policy: policy.allowed, summary: licenseSummary(entries), packages: entries, problems };
  writeFileSync(join(outDir, 'licenses.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outDir, 'licenses.md'), renderMarkdown(app, entries));
  return { entries, problems };
}

function option(argv, name, fallback) {
  const at = argv.indexOf(name);
  return at === -1 ? fallback : argv[at + 1];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const projectRoot = resolve(option(argv, '--root', root));
  const outDir = resolve(projectRoot, option(argv, '--out', DEFAULT_OUT_DIR) ?? DEFAULT_OUT_DIR);
  const policyPath = resolve(projectRoot, option(argv, '--policy', DEFAULT_POLICY_PATH) ?? DEFAULT_POLICY_PATH);
  try {
    const { entries, problems } = writeLicenseReport(projectRoot, outDir, policyPath);
    process.stdout.write(`licenses: ${entries.length} production packages, report in ${join(outDir, 'licenses.md')}\n`);
    if (problems.length > 0) {
      console.error(`licenses: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
      process.exit(1);
    }
  } catch (error) {
    console.error(`licenses: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
}
