import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, type WebContents } from 'electron';
import { createBackend } from '../backend/backend';
import { electronHost } from './host';
import { registerInvoke } from './ipc';
import { appSchemePrivileges, serveAppProtocol } from './protocol';
import { hardenSession, hardenWebContents, OFFLINE_SWITCHES } from './security';
import { createMainWindow } from './window';

declare const OFFRAMP_VERSION: string;

/**
 * The Electron glue: lifecycle, the one window, the app:// protocol, the network
 * kill switch and the IPC transport. Everything else is in electron/backend.
 */
export function start(): void {
  app.enableSandbox();
  for (const [name, value] of OFFLINE_SWITCHES) app.commandLine.appendSwitch(name, value);
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const log = (line: string) => process.stderr.write(`${line}\n`);
  let mainWindow: BrowserWindow | null = null;
  const backend = createBackend({
    host: electronHost(dialog, () => mainWindow),
    dataDir: app.getPath('userData'),
    transport: 'electron',
    version: OFFRAMP_VERSION,
    log,
  });
  const trusted = (): WebContents | null => mainWindow?.webContents ?? null;

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => backend.close());

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, log);
    serveAppProtocol(protocol, join(__dirname, '..', 'renderer'));
    registerInvoke(ipcMain, backend.invoke, trusted);
    mainWindow = createMainWindow(BrowserWindow, join(__dirname, '..', 'preload', 'index.cjs'), !app.isPackaged);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });
}

start();
