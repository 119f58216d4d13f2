// SHA256SUMS: which files are summed, that the file is in sha256sum's format (checked with
// the real sha256sum where the system has it), and that verification catches tampering.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSums, releaseFiles, verifyChecksums, writeChecksums } from './checksums.mjs';

const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');
// The checker the air-gapped side will use: GNU sha256sum on Linux, shasum on macOS.
const checker = [['sha256sum'], ['shasum', '-a', '256']].find(([command, ...args]) => spawnSync(command ?? '', [...args, '--version']).status === 0);

describe('release checksums', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'offramp-release-'));
    const files: Record<string, string> = {
      'Offramp-0.1.0-x86_64.AppImage': 'appimage bytes',
      'offramp_0.1.0_amd64.deb': 'deb bytes',
      'offramp-0.1.0.x86_64.rpm': 'rpm bytes',
      'Offramp-0.1.0-x64-setup-per-machine.exe': 'nsis bytes',
      'Offramp-0.1.0-arm64.dmg': 'dmg bytes',
      'sbom.cdx.json': '{"bomFormat":"CycloneDX"}',
      'licenses.md': '# licences',
      'licenses.json': '{}',
      // electron-builder by-products that must not travel
      'builder-debug.yml': 'paths',
      'builder-effective-config.yaml': 'config',
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    mkdirSync(join(dir, 'linux-unpacked'));
    writeFileSync(join(dir, 'linux-unpacked', 'offramp'), 'binary');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sums the installers, SBOM and licence reports, and nothing else', async () => {
    expect(releaseFiles(dir)).toEqual([
      'Offramp-0.1.0-arm64.dmg',
      'Offramp-0.1.0-x64-setup-per-machine.exe',
      'Offramp-0.1.0-x86_64.AppImage',
      'licenses.json',
      'licenses.md',
      'offramp-0.1.0.x86_64.rpm',
      'offramp_0.1.0_amd64.deb',
      'sbom.cdx.json',
    ]);
    const entries = await writeChecksums(dir);
    const text = readFileSync(join(dir, 'SHA256SUMS'), 'utf8');
    expect(text.split('\n')).toContain(`${sha256('deb bytes')}  offramp_0.1.0_amd64.deb`);
    expect(parseSums(text)).toEqual(entries);
    expect(text).not.toMatch(/builder-|unpacked/);
  });

  it('writes a file that sha256sum -c (or shasum -a 256 -c) accepts', async () => {
    await writeChecksums(dir);
    if (!checker) {
      // No checker on this system (Windows): hold each line to the format both tools parse.
      for (const line of readFileSync(join(dir, 'SHA256SUMS'), 'utf8').trimEnd().split('\n')) expect(line).toMatch(/^[0-9a-f]{64} {2}[^/\\]+$/);
      return;
    }
    const [command, ...args] = checker;
    const check = spawnSync(command ?? '', [...args, '-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout.match(/: OK$/gm)).toHaveLength(8);
  });

  it('verifies a good release and reports a changed, a missing and an unlisted file', async () => {
    await writeChecksums(dir);
    expect(await verifyChecksums(dir)).toMatchObject({ bad: [], missing: [], unlisted: [] });

    writeFileSync(join(dir, 'offramp_0.1.0_amd64.deb'), 'deb bytes, tampered');
    rmSync(join(dir, 'licenses.json'));
    writeFileSync(join(dir, 'Offramp-0.1.0-x64-setup-per-user.exe'), 'late addition');
    const result = await verifyChecksums(dir);
    expect(result.bad).toEqual(['offramp_0.1.0_amd64.deb']);
    expect(result.missing).toEqual(['licenses.json']);
    expect(result.unlisted).toEqual(['Offramp-0.1.0-x64-setup-per-user.exe']);
  });

  it('refuses a SHA256SUMS that is malformed or points outside the folder', () => {
    expect(() => parseSums('not a checksum line\n')).toThrow(/line 1/);
    expect(() => parseSums(`${sha256('x')}  ../etc/passwd\n`)).toThrow(/names a path/);
    // sha256sum's binary-mode marker is accepted.
    expect(parseSums(`${sha256('x')} *offramp.deb\n`)).toEqual([{ sha256: sha256('x'), name: 'offramp.deb' }]);
  });

  it('refuses to write an empty SHA256SUMS', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'offramp-empty-'));
    try {
      await expect(writeChecksums(empty)).rejects.toThrow(/no release files/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
