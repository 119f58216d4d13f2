import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// The whole Electron API the main process touches, as fakes that record calls.
const fakes = vi.hoisted(() => {
  const appEvents = new Map<string, (...args: unknown[]) => void>();
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (resolveReady = r));
  const windows: { options: Record<string, unknown>; url: string }[] = [];
  return {
    appEvents,
    windows,
    resolveReady: () => resolveReady(),
    app: {
      enableSandbox: vi.fn(),
      commandLine: { appendSwitch: vi.fn() },
      requestSingleInstanceLock: vi.fn(() => true),
      quit: vi.fn(),
      getPath: vi.fn(() => ''),
      isPackaged: true,
      on: vi.fn((name: string, fn: (...args: unknown[]) => void) => appEvents.set(name, fn)),
      whenReady: vi.fn(() => ready),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    ipcMain: { handle: vi.fn() },
    session: {
      defaultSession: {
        webRequest: { onBeforeRequest: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        on: vi.fn(),
      },
    },
  };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class BrowserWindow extends Emitter {
    webContents = {};
    constructor(options: Record<string, unknown>) {
      super();
      fakes.windows.push({ options, url: '' });
    }
    loadURL(url: string) {
      fakes.windows[fakes.windows.length - 1]!.url = url;
      return Promise.resolve();
    }
    show() {}
  }
  return { app: fakes.app, BrowserWindow, dialog: {}, ipcMain: fakes.ipcMain, protocol: fakes.protocol, session: fakes.session };
});

describe('Electron main process wiring', () => {
  beforeAll(async () => {
    fakes.app.getPath.mockReturnValue(mkdtempSync(join(tmpdir(), 'offramp-main-')));
    vi.stubGlobal('OFFRAMP_VERSION', '0.0.0-test');
    await import('./index');
    fakes.resolveReady();
    await new Promise((r) => setTimeout(r, 10));
  });

  it('enables the sandbox for every renderer and turns off background networking before ready', () => {
    expect(fakes.app.enableSandbox).toHaveBeenCalled();
    expect(fakes.app.commandLine.appendSwitch).toHaveBeenCalledWith('disable-background-networking', undefined);
    const [schemes] = fakes.protocol.registerSchemesAsPrivileged.mock.calls[0] as [{ scheme: string; privileges: Record<string, boolean> }[]];
    expect(schemes).toHaveLength(1);
    expect(schemes[0]).toMatchObject({ scheme: 'app', privileges: { secure: true, standard: true } });
  });

  it('installs the network kill switch and refuses permissions on the default session', () => {
    const s = fakes.session.defaultSession;
    expect(s.webRequest.onBeforeRequest).toHaveBeenCalledWith({ urls: ['<all_urls>'] }, expect.any(Function));
    expect(s.setPermissionRequestHandler).toHaveBeenCalled();
    expect(s.setPermissionCheckHandler).toHaveBeenCalled();
  });

  it('serves app:// and one IPC channel', () => {
    expect(fakes.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fakes.ipcMain.handle).toHaveBeenCalledTimes(1);
    expect(fakes.ipcMain.handle).toHaveBeenCalledWith('offramp:invoke', expect.any(Function));
  });

  it('opens one locked-down window on the app:// page', () => {
    expect(fakes.windows).toHaveLength(1);
    const { options, url } = fakes.windows[0]!;
    expect(url).toBe('app://offramp/index.html');
    expect(options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: false,
    });
    expect(String((options['webPreferences'] as { preload: string }).preload)).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('hardens every web contents that is created', () => {
    const created = fakes.appEvents.get('web-contents-created');
    expect(created).toBeDefined();
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    created!({}, contents);
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
  });

  it('locks the vault when the app quits', () => {
    expect(fakes.appEvents.has('before-quit')).toBe(true);
  });
});
