import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumCandidates, decideStart, electronBinaryPath, hasDisplay } from './startDecision.mjs';

const chromium = '/usr/bin/chromium';

describe('npm start: which app opens', () => {
  it('launches Electron when its binary is present and runs', () => {
    const decision = decideStart({ platform: 'linux', env: {}, electron: { path: '/e/electron', runs: true }, chromium });
    expect(decision).toEqual({ kind: 'electron', path: '/e/electron' });
  });

  it('opens the preview in Chromium when the binary was never downloaded, saying so in one sentence', () => {
    const decision = decideStart({ platform: 'linux', env: { DISPLAY: ':0' }, electron: { path: null, runs: false }, chromium });
    expect(decision.kind).toBe('preview');
    if (decision.kind !== 'preview') return;
    expect(decision.chromium).toBe(chromium);
    expect(decision.headless).toBe(false);
    expect(decision.message).toMatch(/^Electron's binary is not installed here .* so Offramp opens as a preview in \/usr\/bin\/chromium instead\.$/);
    expect(decision.message.split(/\.\s/)).toHaveLength(1);
  });

  it('opens the preview when the binary is there but does not run', () => {
    const decision = decideStart({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' }, electron: { path: '/e/electron', runs: false }, chromium });
    expect(decision.kind).toBe('preview');
    if (decision.kind === 'preview') expect(decision.message).toContain('/e/electron does not run');
  });

  it('without a display on Linux, says how to get one and fails with exit 3', () => {
    const decision = decideStart({ platform: 'linux', env: {}, electron: { path: null, runs: false }, chromium });
    expect(decision).toMatchObject({ kind: 'fail', exitCode: 3 });
    if (decision.kind === 'fail') expect(decision.message).toContain('xvfb-run npm start');
  });

  it('headless mode (for tests) needs no display', () => {
    const decision = decideStart({ platform: 'linux', env: { OFFRAMP_PREVIEW_HEADLESS: '1' }, electron: { path: null, runs: false }, chromium });
    expect(decision).toMatchObject({ kind: 'preview', headless: true });
  });

  it('without Chrome or Chromium, names OFFRAMP_CHROMIUM', () => {
    const decision = decideStart({ platform: 'linux', env: { DISPLAY: ':0' }, electron: { path: null, runs: false }, chromium: null });
    expect(decision).toMatchObject({ kind: 'fail', exitCode: 1 });
    if (decision.kind === 'fail') expect(decision.message).toContain('OFFRAMP_CHROMIUM');
  });

  it('Windows and macOS always have a display', () => {
    expect(hasDisplay('win32', {})).toBe(true);
    expect(hasDisplay('darwin', {})).toBe(true);
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':99' })).toBe(true);
  });
});

describe('finding the binaries', () => {
  it('reads the electron package path.txt without downloading', () => {
    expect(electronBinaryPath('/nm/electron', {}, 'electron\n')).toBe(join('/nm/electron', 'dist', 'electron'));
    expect(electronBinaryPath('/nm/electron', {}, null)).toBeNull();
    expect(electronBinaryPath('/nm/electron', {}, '  ')).toBeNull();
    expect(electronBinaryPath('/nm/electron', { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e' }, null)).toBe(join('/opt/e', 'electron'));
  });

  it('looks for Chromium in the usual places, OFFRAMP_CHROMIUM first', () => {
    expect(chromiumCandidates('linux', {})[0]).toBe('/usr/bin/chromium');
    expect(chromiumCandidates('linux', { OFFRAMP_CHROMIUM: '/opt/c/chrome' })[0]).toBe('/opt/c/chrome');
    expect(chromiumCandidates('darwin', {})).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    const windows = chromiumCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' });
    expect(windows).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(windows).toContain('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe');
  });
});
