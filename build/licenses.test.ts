// The licence report: SPDX expressions against the policy, the old package.json forms,
// a synthetic installed tree with every kind of problem, and the real production tree.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectLicenses, declaredLicense, expressionAllowed, licenseProblems, readPolicy, writeLicenseReport, type LicensePolicy } from './licenses.mjs';
import { productionPackages, readLockfile } from './lockfile.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const allowed = ['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause', 'GPL-2.0-only WITH Classpath-exception-2.0'];

describe('expressionAllowed', () => {
  it.each([
    ['MIT', true],
    ['GPL-3.0-only', false],
    ['(MIT OR WTFPL)', true],
    ['(WTFPL OR GPL-3.0-only)', false],
    ['MIT AND ISC', true],
    ['MIT AND GPL-3.0-only', false],
    ['(BSD-2-Clause OR MIT OR Apache-2.0)', true],
    ['(MIT AND (GPL-3.0-only OR ISC))', true],
    ['MIT AND GPL-3.0-only OR Apache-2.0', true], // AND binds tighter than OR
    ['GPL-2.0-only WITH Classpath-exception-2.0', true],
    ['GPL-3.0-only WITH Classpath-exception-2.0', false],
    ['SEE LICENSE IN LICENSE.txt', false],
    ['UNLICENSED', false],
    ['(MIT', false],
    ['MIT OR', false],
    ['', false],
  ])('%s → %s', (expression, expected) => {
    expect(expressionAllowed(expression, allowed)).toBe(expected);
  });
});

describe('declaredLicense', () => {
  it('reads the string, object and array forms of package.json', () => {
    expect(declaredLicense({ license: 'MIT' })).toBe('MIT');
    expect(declaredLicense({ license: { type: 'ISC', url: 'https://example.invalid' } })).toBe('ISC');
    expect(declaredLicense({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toBe('(MIT) AND (Apache-2.0)');
    expect(declaredLicense({ licenses: [{ type: 'MIT' }] })).toBe('MIT');
    expect(declaredLicense({ licenses: [{ type: 'MIT' }, {}] })).toBeUndefined();
    expect(declaredLicense({ license: '  ' })).toBeUndefined();
    expect(declaredLicense({})).toBeUndefined();
  });
});

describe('collectLicenses on an installed tree', () => {
  let root: string;
  const policy: LicensePolicy = {
    allowed: ['MIT', 'ISC'],
    exceptions: { 'reviewed@1.0.0': { license: 'SEE LICENSE IN LICENSE', reason: 'reviewed by the hub counsel' }, 'stale@1.0.0': { license: 'MIT-0', reason: 'old review' } },
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'offramp-licenses-'));
    const packages: Record<string, Record<string, unknown>> = {
      '': { name: 'app', version: '1.0.0', license: 'UNLICENSED' },
      'node_modules/good': { version: '1.0.0', license: 'MIT' },
      'node_modules/good/node_modules/nested': { version: '2.0.0', license: 'ISC' },
      'node_modules/copyleft': { version: '1.0.0', license: 'GPL-3.0-only' },
      'node_modules/silent': { version: '1.0.0' },
      'node_modules/reviewed': { version: '1.0.0' },
      'node_modules/stale': { version: '1.0.0' },
      'node_modules/drifted': { version: '1.0.0', license: 'MIT' },
      'node_modules/absent': { version: '1.0.0', license: 'MIT' },
      'node_modules/fsevents': { version: '2.3.3', license: 'MIT', optional: true },
      'node_modules/tooling': { version: '9.9.9', license: 'GPL-3.0-only', dev: true },
    };
    writeFileSync(join(root, 'package-lock.json'), JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, packages }));
    const install = (path: string, manifest: Record<string, unknown>) => {
      mkdirSync(join(root, path), { recursive: true });
      writeFileSync(join(root, path, 'package.json'), JSON.stringify(manifest));
    };
    install('node_modules/good', { name: 'good', version: '1.0.0', license: 'MIT' });
    install('node_modules/good/node_modules/nested', { name: 'nested', version: '2.0.0', licenses: [{ type: 'ISC' }] });
    install('node_modules/copyleft', { name: 'copyleft', version: '1.0.0', license: 'GPL-3.0-only' });
    install('node_modules/silent', { name: 'silent', version: '1.0.0' });
    install('node_modules/reviewed', { name: 'reviewed', version: '1.0.0', license: 'SEE LICENSE IN LICENSE' });
    install('node_modules/stale', { name: 'stale', version: '1.0.0', license: 'BSL-1.0' });
    install('node_modules/drifted', { name: 'drifted', version: '1.0.1', license: 'MIT' });
    install('node_modules/tooling', { name: 'tooling', version: '9.9.9', license: 'GPL-3.0-only' });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('judges every production package and ignores dev-only ones', () => {
    const byName = new Map(collectLicenses(root, policy).map((entry) => [entry.name, entry]));
    expect([...byName.keys()].sort()).toEqual(['absent', 'copyleft', 'drifted', 'fsevents', 'good', 'nested', 'reviewed', 'silent', 'stale']);
    expect(byName.get('good')).toMatchObject({ status: 'allowed', license: 'MIT' });
    expect(byName.get('nested')).toMatchObject({ status: 'allowed', license: 'ISC', path: 'node_modules/good/node_modules/nested' });
    expect(byName.get('copyleft')).toMatchObject({ status: 'rejected', license: 'GPL-3.0-only' });
    expect(byName.get('silent')).toMatchObject({ status: 'missing-license', license: null });
    expect(byName.get('reviewed')).toMatchObject({ status: 'exception', note: 'reviewed by the hub counsel' });
    // An exception recorded for another licence text no longer applies.
    expect(byName.get('stale')).toMatchObject({ status: 'rejected', license: 'BSL-1.0' });
    expect(byName.get('drifted')).toMatchObject({ status: 'mismatch' });
    expect(byName.get('absent')).toMatchObject({ status: 'missing' });
    expect(byName.get('fsevents')).toMatchObject({ status: 'not-installed' });
  });

  it('turns exactly the failing entries into problems', () => {
    const problems = licenseProblems(collectLicenses(root, policy));
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['absent@1.0.0', 'copyleft@1.0.0', 'drifted@1.0.0', 'silent@1.0.0', 'stale@1.0.0']);
  });
});

describe('the production tree of Offramp', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'offramp-licence-report-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('passes the documented licence policy and is reported in full', () => {
    const { entries, problems } = writeLicenseReport(repo, out, join(repo, 'build', 'license-policy.json'));
    expect(problems).toEqual([]);
    const expected = productionPackages(readLockfile(repo)).map((p) => `${p.name}@${p.version}`);
    expect(entries.map((e) => `${e.name}@${e.version}`)).toEqual(expected);
    expect(entries.length).toBeGreaterThan(0);

    const report = JSON.parse(readFileSync(join(out, 'licenses.json'), 'utf8')) as { packages: unknown[]; problems: unknown[] };
    expect(report.packages).toHaveLength(entries.length);
    expect(report.problems).toEqual([]);
    const markdown = readFileSync(join(out, 'licenses.md'), 'utf8');
    expect(markdown).toMatch(/^# Third-party licences: offramp /);
    expect(markdown).toContain('| better-sqlite3-multiple-ciphers | 12.11.1 | MIT | allowed |');
  });

  it('keeps the policy to permissive licences', () => {
    const policy = readPolicy(join(repo, 'build', 'license-policy.json'));
    for (const id of policy.allowed) expect(id).toMatch(/^(MIT|ISC|BSD-[23]-Clause|Apache-2\.0|0BSD|BlueOak-1\.0\.0|CC0-1\.0|Zlib)$/);
  });
});
