import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  isTrustedSender,
  OFFLINE_SWITCHES,
} from './security';

describe('content security policy', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name ?? '', values];
  }));

  it("allows only 'self' and forbids inline code and eval", () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('is the same policy the renderer page declares', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY.startsWith(META_CONTENT_SECURITY_POLICY)).toBe(true);
  });

  it('turns off the Chromium features that call home', () => {
    const names = OFFLINE_SWITCHES.map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['disable-background-networking', 'disable-component-update', 'disable-sync']));
  });
});

describe('isAppUrl', () => {
  it.each([
    ['app://offramp/index.html', true],
    ['app://offramp/assets/x.js', true],
    ['app://other/index.html', false],
    ['https://example.com/', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

function fakeSession() {
  let beforeRequest: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
  let permissionRequest: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
  let permissionCheck: (() => boolean) | undefined;
  const emitter = new EventEmitter();
  const session = {
    webRequest: { onBeforeRequest: (_filter: unknown, fn: typeof beforeRequest) => (beforeRequest = fn) },
    setPermissionRequestHandler: (fn: typeof permissionRequest) => (permissionRequest = fn),
    setPermissionCheckHandler: (fn: typeof permissionCheck) => (permissionCheck = fn),
    on: emitter.on.bind(emitter),
  };
  return {
    session: session as unknown as Session,
    emitter,
    request(url: string): boolean {
      let cancel: boolean | undefined;
      beforeRequest?.({ url }, (r) => (cancel = r.cancel));
      if (cancel === undefined) throw new Error('no onBeforeRequest handler');
      return cancel;
    },
    permission(name: string): boolean {
      let granted: boolean | undefined;
      permissionRequest?.(null, name, (ok) => (granted = ok));
      if (granted === undefined) throw new Error('no permission handler');
      return granted;
    },
    check: () => permissionCheck?.(),
  };
}

describe('hardenSession (network kill switch)', () => {
  it('cancels every request that is not app:// and keeps app:// working', () => {
    const fake = fakeSession();
    const log = vi.fn();
    hardenSession(fake.session, log);
    expect(fake.request('https://example.com/')).toBe(true);
    expect(fake.request('http://127.0.0.1:8080/x')).toBe(true);
    expect(fake.request('wss://example.com/socket')).toBe(true);
    expect(fake.request('file:///etc/passwd')).toBe(true);
    expect(fake.request('app://offramp/index.html')).toBe(false);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('blocked a request to https:'));
  });

  it('refuses every permission request and check, and every download', () => {
    const fake = fakeSession();
    hardenSession(fake.session, () => undefined);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(fake.permission(p)).toBe(false);
    }
    expect(fake.check()).toBe(false);
    const event = { preventDefault: vi.fn() };
    fake.emitter.emit('will-download', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('hardenWebContents', () => {
  it('denies navigation, redirects, webviews and new windows', () => {
    const emitter = new EventEmitter();
    let openHandler: (() => { action: string }) | undefined;
    const contents = Object.assign(emitter, { setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn) });
    hardenWebContents(contents as unknown as WebContents);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      emitter.emit(name, event, 'https://example.com/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(openHandler?.()).toEqual({ action: 'deny' });
  });
});

describe('isTrustedSender', () => {
  const ours = {} as WebContents;
  const event = (sender: unknown, frame: unknown) => ({ sender, senderFrame: frame }) as unknown as IpcMainInvokeEvent;
  const mainFrame = { url: 'app://offramp/index.html', parent: null };

  it('accepts the main frame of our window on an app:// page', () => {
    expect(isTrustedSender(event(ours, mainFrame), () => ours)).toBe(true);
  });
  it('refuses another web contents', () => {
    expect(isTrustedSender(event({}, mainFrame), () => ours)).toBe(false);
  });
  it('refuses a subframe', () => {
    expect(isTrustedSender(event(ours, { url: 'app://offramp/x.html', parent: mainFrame }), () => ours)).toBe(false);
  });
  it('refuses a foreign origin and a destroyed frame', () => {
    expect(isTrustedSender(event(ours, { url: 'https://evil.example/', parent: null }), () => ours)).toBe(false);
    expect(isTrustedSender(event(ours, null), () => ours)).toBe(false);
  });
  it('refuses everything when there is no window', () => {
    expect(isTrustedSender(event(ours, mainFrame), () => null)).toBe(false);
  });
});
