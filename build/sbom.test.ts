// The SBOM: a real `npm run sbom` run (cyclonedx-npm on the lockfile, offline) checked
// for format, schema and completeness, and the enrichment and checks on their own.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionPackages, readLockfile, type Lockfile } from './lockfile.mjs';
import { checkSbom, componentName, enrichSbom, flattenComponents, generateSbom, integrityToHashes, schemaErrors, SPEC_VERSION, type CdxBom } from './sbom.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { name: string; version: string };

describe('npm run sbom on the Offramp tree', () => {
  let dir: string;
  let bom: CdxBom;
  let lock: Lockfile;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'offramp-sbom-'));
    const result = await generateSbom(join(dir, 'sbom.cdx.json'), repo);
    expect(result.path).toBe(join(dir, 'sbom.cdx.json'));
    bom = JSON.parse(readFileSync(result.path, 'utf8')) as CdxBom;
    lock = readLockfile(repo);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a CycloneDX 1.6 JSON document about Offramp', () => {
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.specVersion).toBe(SPEC_VERSION);
    expect(bom.specVersion).toBe('1.6');
    expect(bom.metadata?.component).toMatchObject({ type: 'application', name: pkg.name, version: pkg.version });
  });

  it('matches the official CycloneDX schema', async () => {
    expect(await schemaErrors(bom)).toBeNull();
  });

  it('lists every production package, with its tarball hash, and no development tool', () => {
    const components = flattenComponents(bom);
    const described = components.map((c) => `${componentName(c)}@${c.version}`);
    for (const p of productionPackages(lock)) expect(described).toContain(`${p.name}@${p.version}`);
    expect(described).toContain('better-sqlite3-multiple-ciphers@12.11.1');
    expect(described.some((id) => /^(vitest|eslint|typescript|electron-builder)@/.test(id))).toBe(false);
    for (const component of components) expect(component.hashes?.[0]?.alg, componentName(component)).toBe('SHA-512');
    expect(checkSbom(bom, lock, pkg)).toEqual([]);
  });

  it('names the Electron runtime the installers embed', () => {
    const electron = flattenComponents(bom).find((c) => c.name === 'electron');
    expect(electron).toMatchObject({ type: 'framework', version: lock.packages['node_modules/electron']?.version, purl: `pkg:npm/electron@${lock.packages['node_modules/electron']?.version}` });
    const root = bom.dependencies?.find((d) => d.ref === bom.metadata?.component?.['bom-ref']);
    expect(root?.dependsOn).toContain(electron?.['bom-ref']);
  });

  it('is reproducible: no timestamp or random serial number', () => {
    expect(bom).not.toHaveProperty('serialNumber');
    expect(bom.metadata).not.toHaveProperty('timestamp');
  });
});

describe('SBOM enrichment and checks', () => {
  const lock: Lockfile = {
    lockfileVersion: 3,
    packages: {
      '': { name: 'app', version: '1.0.0' },
      'node_modules/zod': { version: '4.0.0', integrity: 'sha512-AAAA', license: 'MIT' },
      'node_modules/electron': { version: '45.0.0', integrity: 'sha512-AQID', license: 'MIT', dev: true },
    },
  };
  const generated = (): CdxBom => ({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: { component: { type: 'application', name: 'app', version: '1.0.0', 'bom-ref': 'app@1.0.0' } },
    components: [
      {
        type: 'library',
        name: 'zod',
        version: '4.0.0',
        'bom-ref': 'app@1.0.0|zod@4.0.0',
        purl: 'pkg:npm/zod@4.0.0',
        licenses: [{ license: { id: 'MIT' } }],
        properties: [{ name: 'cdx:npm:package:path', value: 'node_modules/zod' }],
      },
    ],
    dependencies: [{ ref: 'app@1.0.0', dependsOn: ['app@1.0.0|zod@4.0.0'] }, { ref: 'app@1.0.0|zod@4.0.0' }],
  });

  it('converts npm integrity strings to hex SHA-512 hashes', () => {
    expect(integrityToHashes('sha512-AQID')).toEqual([{ alg: 'SHA-512', content: '010203' }]);
    expect(integrityToHashes('sha1-AAAA sha512-AQID')).toEqual([{ alg: 'SHA-512', content: '010203' }]);
    expect(integrityToHashes(undefined)).toEqual([]);
  });

  it('adds hashes and the Electron runtime without touching the input', () => {
    const input = generated();
    const enriched = enrichSbom(input, lock);
    expect(input.components?.[0]).not.toHaveProperty('hashes');
    expect(enriched.components?.[0]?.hashes).toEqual([{ alg: 'SHA-512', content: '000000' }]);
    expect(enriched.components?.map((c) => c.name)).toEqual(['zod', 'electron']);
    expect(enriched.dependencies?.[0]?.dependsOn).toEqual(['app@1.0.0|electron@45.0.0', 'app@1.0.0|zod@4.0.0']);
    expect(checkSbom(enriched, lock, { name: 'app', version: '1.0.0' })).toEqual([]);
    // Enriching twice does not add Electron twice.
    expect(enrichSbom(enriched, lock).components?.filter((c) => c.name === 'electron')).toHaveLength(1);
  });

  it('reports a wrong format, a missing or extra package and a dangling reference', () => {
    const enriched = enrichSbom(generated(), lock);
    expect(checkSbom({ ...enriched, bomFormat: 'SPDX', specVersion: '1.4' }, lock, { name: 'app', version: '1.0.0' })).toEqual([
      'bomFormat is "SPDX", not "CycloneDX"',
      'specVersion is "1.4", not "1.6"',
    ]);
    const missing = { ...enriched, components: enriched.components?.filter((c) => c.name !== 'zod') };
    expect(checkSbom(missing, lock, { name: 'app', version: '1.0.0' })).toEqual(
      expect.arrayContaining(['zod@4.0.0 is in the production tree but not in the SBOM', 'dependency graph names unknown bom-ref app@1.0.0|zod@4.0.0']),
    );
    const extra = { ...enriched, components: [...(enriched.components ?? []), { type: 'library', name: 'left-pad', version: '1.0.0', 'bom-ref': 'x', purl: 'pkg:npm/left-pad@1.0.0', licenses: [{}], hashes: [{ alg: 'SHA-512', content: '00' }] }] };
    expect(checkSbom(extra, lock, { name: 'app', version: '1.0.0' })).toEqual(['left-pad@1.0.0 is in the SBOM but not in the production tree']);
    expect(checkSbom({ ...enriched, components: [] }, lock, { name: 'app', version: '1.0.0' })).toEqual(['components is empty']);
  });
});
