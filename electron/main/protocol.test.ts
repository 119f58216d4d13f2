import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import type { Protocol } from 'electron';
import { describe, expect, it } from 'vitest';
import { appSchemePrivileges, resolveAppPath, serveAppProtocol } from './protocol';
import { CONTENT_SECURITY_POLICY } from './security';

const root = mkdtempSync(join(tmpdir(), 'offramp-protocol-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Offramp</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(root, '..', 'offramp-secret.txt'), 'outside the root');

describe('resolveAppPath', () => {
  it('maps app:// URLs to files under the root', () => {
    expect(resolveAppPath('app://offramp/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://offramp/assets/app.js', root)).toBe(join(root, 'assets', 'app.js'));
  });
  it('refuses to leave the root, even with encoded dots', () => {
    const secret = join(root, '..', 'offramp-secret.txt');
    for (const url of ['app://offramp/%2e%2e/offramp-secret.txt', 'app://offramp/..%2fofframp-secret.txt', 'app://offramp/assets/..%2f..%2f..%2fofframp-secret.txt']) {
      const file = resolveAppPath(url, root);
      // The URL parser may fold the dots itself; either way the result stays inside.
      expect(file === null || file.startsWith(root + sep), url).toBe(true);
      expect(file, url).not.toBe(secret);
    }
    expect(resolveAppPath('app://offramp/..%2fofframp-secret.txt', root)).toBeNull();
    expect(resolveAppPath('app://offramp/assets/%00.js', root)).toBeNull();
    expect(resolveAppPath('app://offramp/%E0%A4%A', root)).toBeNull();
  });
  it('refuses other hosts and schemes', () => {
    expect(resolveAppPath('app://elsewhere/index.html', root)).toBeNull();
    expect(resolveAppPath('file:///etc/passwd', root)).toBeNull();
  });
});

describe('serveAppProtocol', () => {
  let handler: ((request: Request) => Promise<Response>) | undefined;
  const protocol = { handle: (_scheme: string, fn: typeof handler) => (handler = fn) } as unknown as Protocol;
  serveAppProtocol(protocol, root);

  it('serves files with the CSP, nosniff and the right type', async () => {
    const response = await handler!(new Request('app://offramp/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(await response.text()).toBe('console.log(1)');
  });
  it('answers 404 for traversal and missing files', async () => {
    expect((await handler!(new Request('app://offramp/%2e%2e/offramp-secret.txt'))).status).toBe(404);
    expect((await handler!(new Request('app://offramp/missing.js'))).status).toBe(404);
  });
  it('registers app:// as a secure standard scheme', () => {
    expect(appSchemePrivileges.privileges).toMatchObject({ standard: true, secure: true });
  });
});
