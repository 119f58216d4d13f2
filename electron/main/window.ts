import type { BrowserWindow as BrowserWindowType } from 'electron';
import { APP_ORIGIN } from './security';

export const START_URL = `${APP_ORIGIN}/index.html`;

/**
 * The single application window. The web preferences are written out here, in the
 * constructor call, so that reviewers and static checkers see them where they apply.
 */
export function createMainWindow(BrowserWindow: typeof BrowserWindowType, preload: string, devTools: boolean): BrowserWindowType {
  const window = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 1024,
    minHeight: 640,
    title: 'Offramp',
    backgroundColor: '#f4f5f7',
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click opens links in new windows without will-navigate; turn it off.
      disableBlinkFeatures: 'Auxclick',
      // The spell checker downloads dictionaries; the workstation has no network.
      spellcheck: false,
      safeDialogs: true,
      devTools,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(START_URL);
  return window;
}
