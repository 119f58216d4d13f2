// The advisory gate's verdict on each kind of npm audit output (build/fixtures/audit), and
// the exit status CI sees when the script judges a saved report.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateAudit, formatDecision } from './auditGate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string => readFileSync(join(here, 'fixtures', 'audit', name), 'utf8');

describe('evaluateAudit', () => {
  it('passes a clean report', () => {
    const decision = evaluateAudit(fixture('clean.json'));
    expect(decision).toMatchObject({ outcome: 'pass', exitCode: 0, blocking: [], unfixed: [], lower: [] });
  });

  it('fails on high advisories with a fix, naming every affected production package', () => {
    const decision = evaluateAudit(fixture('high-with-fix.json'));
    expect(decision.outcome).toBe('fail');
    expect(decision.exitCode).toBe(1);
    expect(decision.blocking.map((f) => f.name)).toEqual(['better-sqlite3-multiple-ciphers', 'prebuild-install', 'tar-fs']);
    const tarFs = decision.blocking.find((f) => f.name === 'tar-fs');
    expect(tarFs?.advisories[0]?.title).toMatch(/extracts outside/);
    expect(decision.blocking.find((f) => f.name === 'prebuild-install')?.through).toEqual(['tar-fs']);
  });

  it('fails on a critical advisory even when the fix is a new major version', () => {
    const decision = evaluateAudit(fixture('critical-semver-major.json'));
    expect(decision).toMatchObject({ outcome: 'fail', exitCode: 1 });
    expect(decision.blocking).toEqual([expect.objectContaining({ name: 'age-encryption', severity: 'critical', fix: 'semver-major', fixTarget: 'age-encryption@1.0.0' })]);
  });

  it('lists a high advisory without any fix for review but does not fail on it', () => {
    const decision = evaluateAudit(fixture('high-without-fix.json'));
    expect(decision).toMatchObject({ outcome: 'pass', exitCode: 0, blocking: [] });
    expect(decision.unfixed).toEqual([expect.objectContaining({ name: 'simple-get', severity: 'high', fix: 'none' })]);
    expect(formatDecision(decision).join('\n')).toMatch(/For review \(high\/critical, no fix yet; not blocking\):\n\s+high\s+simple-get/);
  });

  it('counts moderate and low advisories without failing, even with fixes available', () => {
    const decision = evaluateAudit(fixture('moderate.json'));
    expect(decision).toMatchObject({ outcome: 'pass', exitCode: 0, blocking: [], unfixed: [] });
    expect(decision.lower.map((f) => `${f.name}:${f.severity}`)).toEqual(['semver:moderate', 'minimist:low']);
  });

  it.each(['unreachable-405.json', 'unreachable-enotfound.json'])('says so and passes when the advisory service is unreachable (%s)', (name) => {
    const decision = evaluateAudit(fixture(name));
    expect(decision).toMatchObject({ outcome: 'unavailable', exitCode: 0 });
    expect(decision.reason).toMatch(/could not be reached/);
    expect(formatDecision(decision).join('\n')).toMatch(/SKIPPED[\s\S]*NOT checked for advisories/);
  });

  it('fails an unreachable service when the check is required', () => {
    const decision = evaluateAudit(fixture('unreachable-enotfound.json'), { required: true });
    expect(decision).toMatchObject({ outcome: 'unavailable', exitCode: 1 });
    expect(formatDecision(decision)[0]).toMatch(/^audit:prod FAIL/);
  });

  it('never passes output it does not understand', () => {
    expect(evaluateAudit(fixture('no-lockfile.json'))).toMatchObject({ outcome: 'invalid', exitCode: 2 });
    expect(evaluateAudit(fixture('no-lockfile.json')).reason).toMatch(/ENOLOCK/);
    expect(evaluateAudit('')).toMatchObject({ outcome: 'invalid', exitCode: 2 });
    expect(evaluateAudit('npm ERR! something')).toMatchObject({ outcome: 'invalid', exitCode: 2 });
    // An old (version 1) report has no "vulnerabilities" map to judge.
    expect(evaluateAudit(JSON.stringify({ advisories: {}, metadata: {} }))).toMatchObject({ outcome: 'invalid', exitCode: 2 });
    // An HTTP error from somewhere other than the advisory service is not "unreachable".
    expect(evaluateAudit(JSON.stringify({ statusCode: 500, uri: 'https://registry.npmjs.org/zod', message: 'oops' }))).toMatchObject({ outcome: 'invalid' });
  });
});

describe('npm run audit:prod --input', () => {
  const gate = join(here, 'auditGate.mjs');
  const run = (name: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [gate, '--input', join(here, 'fixtures', 'audit', name)], { encoding: 'utf8', env: { ...process.env, OFFRAMP_AUDIT_REQUIRED: '', ...env } });

  it.each([
    ['clean.json', 0],
    ['moderate.json', 0],
    ['high-without-fix.json', 0],
    ['unreachable-405.json', 0],
    ['high-with-fix.json', 1],
    ['critical-semver-major.json', 1],
    ['no-lockfile.json', 2],
  ])('exits %s → %i', (name, status) => {
    expect(run(name).status).toBe(status);
  });

  it('honours OFFRAMP_AUDIT_REQUIRED=1 for an unreachable service', () => {
    const result = run('unreachable-enotfound.json', { OFFRAMP_AUDIT_REQUIRED: '1' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/could not be reached \(ENOTFOUND/);
  });
});
