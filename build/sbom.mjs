// CycloneDX software bill of materials of what the installers ship (npm run sbom).
//
//   node build/sbom.mjs [--out release/sbom.cdx.json]
//
// 1. @cyclonedx/cyclonedx-npm describes the production tree (--omit dev) from
//    package-lock.json alone: the tree `npm ci` installs on the build machine, independent
//    of whatever else a developer's node_modules holds, and reproducible (no timestamp or
//    serial number).
// 2. Each component gains the SHA-512 of its npm tarball from the lockfile, so a reviewer
//    can match every package to the registry's copy.
// 3. Electron itself is added: it is a devDependency (a build tool) for npm, yet its
//    runtime is inside every installer and carries most of the attack surface.
// 4. The result is validated against the official CycloneDX JSON schema (bundled with the
//    generator, no network) and checked against the lockfile, component by component.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { productionPackages, readLockfile } from './lockfile.mjs';

export const DEFAULT_SBOM_PATH = 'release/sbom.cdx.json';
export const SPEC_VERSION = '1.6';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** cyclonedx-npm's entry point, run with this Node (no shell, no PATH lookup). */
function generatorCli() {
  const main = require.resolve('@cyclonedx/cyclonedx-npm');
  const manifest = JSON.parse(readFileSync(join(dirname(main), 'package.json'), 'utf8'));
  return join(dirname(main), manifest.bin['cyclonedx-npm']);
}

export function runGenerator(projectRoot, outFile) {
  const args = [
    generatorCli(),
    '--omit',
    'dev',
    '--package-lock-only',
    '--spec-version',
    SPEC_VERSION,
    '--output-format',
    'JSON',
    '--output-reproducible',
    '--validate',
    '--mc-type',
    'application',
    '--output-file',
    outFile,
    join(projectRoot, 'package.json'),
  ];
  const run = spawnSync(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`cyclonedx-npm exited with status ${run.status}`);
  return JSON.parse(readFileSync(outFile, 'utf8'));
}

/** Every component, nested ones included. */
export function flattenComponents(bom) {
  const all = [];
  const visit = (components) => {
    for (const component of components ?? []) {
      all.push(component);
      visit(component.components);
    }
  };
  visit(bom.components);
  return all;
}

export function componentName(component) {
  return component.group ? `${component.group}/${component.name}` : component.name;
}

/** npm's "sha512-<base64>" integrity as CycloneDX hashes (hex). */
export function integrityToHashes(integrity) {
  const hashes = [];
  for (const token of (integrity ?? '').split(/\s+/)) {
    const match = /^sha512-([A-Za-z0-9+/]+={0,2})$/.exec(token);
    if (match) hashes.push({ alg: 'SHA-512', content: Buffer.from(match[1], 'base64').toString('hex') });
  }
  return hashes;
}

function propertyValue(component, name) {
  return component.properties?.find((property) => property.name === name)?.value;
}

/** A copy of the generator's BOM with tarball hashes and the Electron runtime. */
export function enrichSbom(bom, lock) {
  // The BOM is plain JSON, so a JSON round trip is a faithful deep copy.
  const enriched = JSON.parse(JSON.stringify(bom));
  for (const component of flattenComponents(enriched)) {
    const path = propertyValue(component, 'cdx:npm:package:path');
    const entry = path === undefined ? undefined : lock.packages[path];
    if (entry && !component.hashes) {
      const hashes = integrityToHashes(entry.integrity);
      if (hashes.length > 0) component.hashes = hashes;
    }
  }

  const electron = lock.packages['node_modules/electron'];
  if (!electron || typeof electron.version !== 'string') throw new Error('electron is not in package-lock.json');
  const rootRef = enriched.metadata?.component?.['bom-ref'];
  if (typeof rootRef !== 'string') throw new Error('the generated SBOM has no metadata.component bom-ref');
  const ref = `${rootRef}|electron@${electron.version}`;
  const component = {
    type: 'framework',
    name: 'electron',
    version: electron.version,
    'bom-ref': ref,
    description:
      'Electron runtime (Chromium, V8 and Node.js) inside every Offramp installer. npm treats it as a build-time ' +
      "dependency; at packaging electron-builder fetches this version's runtime from Electron's release and " +
      "verifies it against that release's SHASUMS256.txt.",
    licenses: [{ license: { id: electron.license ?? 'MIT' } }],
    purl: `pkg:npm/electron@${electron.version}`,
    properties: [
      { name: 'cdx:npm:package:path', value: 'node_modules/electron' },
      { name: 'offramp:shipped-as', value: 'application runtime embedded in the installers' },
    ],
  };
  const hashes = integrityToHashes(electron.integrity);
  if (hashes.length > 0) component.hashes = hashes;
  enriched.components = [...(enriched.components ?? []).filter((c) => c['bom-ref'] !== ref), component];
  const dependencies = (enriched.dependencies ?? []).filter((d) => d.ref !== ref);
  const rootDependency = dependencies.find((d) => d.ref === rootRef);
  if (rootDependency) rootDependency.dependsOn = [...new Set([...(rootDependency.dependsOn ?? []), ref])].sort();
  else dependencies.unshift({ ref: rootRef, dependsOn: [ref] });
  dependencies.push({ ref });
  enriched.dependencies = dependencies;
  return enriched;
}

/** Structural checks against the lockfile; returns the problems found (none means good). */
export function checkSbom(bom, lock, pkg) {
  const problems = [];
  if (bom?.bomFormat !== 'CycloneDX') problems.push(`bomFormat is ${JSON.stringify(bom?.bomFormat)}, not "CycloneDX"`);
  if (bom?.specVersion !== SPEC_VERSION) problems.push(`specVersion is ${JSON.stringify(bom?.specVersion)}, not "${SPEC_VERSION}"`);
  if (!Number.isInteger(bom?.version) || bom.version < 1) problems.push('version must be a positive integer');
  const main = bom?.metadata?.component;
  if (main?.name !== pkg.name || main?.version !== pkg.version) {
    problems.push(`metadata.component is ${main?.name}@${main?.version}, not ${pkg.name}@${pkg.version}`);
  }
  if (!Array.isArray(bom?.components) || bom.components.length === 0) {
    problems.push('components is empty');
    return problems;
  }

  const components = flattenComponents(bom);
  const refs = new Set();
  for (const component of components) {
    const ref = component['bom-ref'];
    if (typeof ref !== 'string') problems.push(`${componentName(component)} has no bom-ref`);
    else if (refs.has(ref)) problems.push(`bom-ref ${ref} appears twice`);
    else refs.add(ref);
    if (typeof component.purl !== 'string' || !component.purl.startsWith('pkg:npm/')) problems.push(`${componentName(component)} has no npm purl`);
    if (!Array.isArray(component.licenses) || component.licenses.length === 0) problems.push(`${componentName(component)} declares no licence`);
    if (!component.hashes?.some((hash) => hash.alg === 'SHA-512')) problems.push(`${componentName(component)} has no SHA-512 hash`);
  }

  const described = new Set(components.map((c) => `${componentName(c)}@${c.version}`));
  const expected = new Set(productionPackages(lock).map((p) => `${p.name}@${p.version}`));
  const electron = lock.packages['node_modules/electron'];
  if (electron?.version) expected.add(`electron@${electron.version}`);
  for (const id of expected) if (!described.has(id)) problems.push(`${id} is in the production tree but not in the SBOM`);
  for (const id of described) if (!expected.has(id)) problems.push(`${id} is in the SBOM but not in the production tree`);

  if (main?.['bom-ref']) refs.add(main['bom-ref']);
  for (const dependency of bom.dependencies ?? []) {
    for (const ref of [dependency.ref, ...(dependency.dependsOn ?? [])]) {
      if (!refs.has(ref)) problems.push(`dependency graph names unknown bom-ref ${ref}`);
    }
  }
  return problems;
}

/** The official CycloneDX JSON schema check, from the library cyclonedx-npm bundles. */
export async function schemaErrors(bom) {
  const library = createRequire(require.resolve('@cyclonedx/cyclonedx-npm'))('@cyclonedx/cyclonedx-library');
  const validator = new library.Validation.JsonStrictValidator(library.Spec.Version.v1dot6);
  return validator.validate(JSON.stringify(bom));
}

export async function generateSbom(outFile, projectRoot = root) {
  const target = resolve(projectRoot, outFile);
  mkdirSync(dirname(target), { recursive: true });
  const raw = `${target}.generator.json`;
  let bom;
  try {
    bom = runGenerator(projectRoot, raw);
  } finally {
    rmSync(raw, { force: true });
  }
  const lock = readLockfile(projectRoot);
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
  const enriched = enrichSbom(bom, lock);
  const invalid = await schemaErrors(enriched);
  if (invalid !== null) throw new Error(`the SBOM does not match the CycloneDX ${SPEC_VERSION} schema: ${JSON.stringify(invalid)}`);
  const problems = checkSbom(enriched, lock, pkg);
  if (problems.length > 0) throw new Error(`the SBOM does not describe the production tree:\n  ${problems.join('\n  ')}`);
  writeFileSync(target, `${JSON.stringify(enriched, null, 2)}\n`);
  return { path: target, components: flattenComponents(enriched).length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const out = at === -1 ? DEFAULT_SBOM_PATH : process.argv[at + 1];
  if (!out) {
    console.error('sbom: --out needs a file name');
    process.exit(2);
  }
  generateSbom(out).then(
    ({ path, components }) => process.stdout.write(`sbom: ${components} components, CycloneDX ${SPEC_VERSION}, written to ${path}\n`),
    (error) => {
      console.error(`sbom: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
