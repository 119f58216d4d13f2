// SECURITY.md and the installer README section tell a security officer what to run and
// what the binary enforces. These checks keep them in step with the scripts, files and
// fuses they describe.
import { FuseV1Options } from '@electron/fuses';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../electron/main/security';
import { describe, expect, it } from 'vitest';
import { config } from './electron-builder.config';
import { fuseConfig } from './fuses';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const security = readFileSync(join(repo, 'SECURITY.md'), 'utf8');
const readme = readFileSync(join(repo, 'README.md'), 'utf8');
const sectionStart = readme.indexOf('## Building installers on a connected machine');
const readmeSection = readme.slice(sectionStart, readme.indexOf('\n## ', sectionStart + 1));
const scripts = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe.each([
  ['SECURITY.md', security],
  ['README.md (Building installers)', readmeSection],
])('%s', (_name, text) => {
  it('names only npm scripts that exist', () => {
    const named = [...text.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1] ?? '');
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(scripts, `npm run ${name}`).toHaveProperty([name]);
  });

  it('names only repository files that exist', () => {
    const paths = [...text.matchAll(/`(build\/[\w./-]+)`/g)].map((match) => match[1] ?? '');
    for (const path of paths) expect(existsSync(join(repo, path)), path).toBe(true);
  });

  it('uses the installer names electron-builder is configured to write', () => {
    expect(config.nsis?.artifactName).toBe('${productName}-${version}-${arch}-setup-per-machine.${ext}');
    expect(text).toMatch(/setup-per-machine\.exe/);
    expect(text).toMatch(/offramp_[^ `]*_amd64\.deb/);
    expect(text).toMatch(/offramp-[^ `]*\.x86_64\.rpm/);
  });
});

describe('SECURITY.md', () => {
  it('covers the threat model, keys, air-gapped installation and reporting', () => {
    for (const heading of ['## Threat model', '## Keys and protections', '## Installing on an air-gapped network', '## Reporting a problem']) {
      expect(security).toContain(heading);
    }
    for (const threat of ['Lost or stolen laptop', 'Curious co-worker', 'Malicious packet', 'Tampered installer', 'Insider with the app']) {
      expect(security).toContain(threat);
    }
  });

  it('walks through build, checksums, transfer, verification and installation in order', () => {
    const procedure = security.slice(security.indexOf('## Installing on an air-gapped network'), security.indexOf('## Reporting a problem'));
    const order = [
      'npm ci',
      'npm run dist',
      "**Record the checksum file's own hash**",
      'approved for the transfer',
      '**Check the checksum file.**',
      'sha256sum -c SHA256SUMS',
      'ForEach-Object',
      '**Install.**',
      '**First run.**',
    ];
    const positions = order.map((step) => procedure.indexOf(step));
    for (const [i, position] of positions.entries()) expect(position, order[i]).toBeGreaterThan(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('quotes the Content Security Policy the app actually sends', () => {
    // The app:// protocol sends this policy on every response; the page's meta tag
    // repeats it (less frame-ancestors), as electron/main/security.test.ts checks.
    expect(security).toContain(`\`${CONTENT_SECURITY_POLICY}\``);
  });

  it('lists every fuse with the state build/fuses.ts gives it', () => {
    for (const option of Object.values(FuseV1Options)) {
      if (typeof option !== 'number') continue;
      const state = fuseConfig[option as keyof typeof fuseConfig] ? 'on' : 'off';
      expect(security).toContain(`\`${FuseV1Options[option]}\`: ${state}`);
    }
  });
});
