import type { BrowserWindow, Dialog } from 'electron';
import type { HostServices, PageSize } from '../backend/context';

/**
 * The Electron side of printing and file dialogs, for the backend. Every dialog is
 * modal to the app window; nothing here decides what to print or where data goes.
 */
export function electronHost(dialog: Dialog, window: () => BrowserWindow | null): HostServices {
  const requireWindow = (): BrowserWindow => {
    const w = window();
    if (w === null) throw new Error('No application window is open.');
    return w;
  };
  return {
    print: ({ pageSize }) =>
      new Promise<boolean>((resolve) => {
        requireWindow().webContents.print({ silent: false, printBackground: true, pageSize }, (success) => resolve(success));
      }),
    printToPdf: async ({ pageSize }: { pageSize: PageSize }) => {
      const data = await requireWindow().webContents.printToPDF({ pageSize, printBackground: true, preferCSSPageSize: true });
      return new Uint8Array(data);
    },
    chooseFolder: async ({ title }) => {
      const result = await dialog.showOpenDialog(requireWindow(), { title, properties: ['openDirectory', 'createDirectory'] });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    chooseSavePath: async ({ title, defaultName, extension }) => {
      const result = await dialog.showSaveDialog(requireWindow(), {
        title,
        defaultPath: defaultName,
        filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return result.canceled || result.filePath === undefined || result.filePath === '' ? null : result.filePath;
    },
    chooseOpenPath: async ({ title, extensions }) => {
      const result = await dialog.showOpenDialog(requireWindow(), { title, properties: ['openFile'], filters: [{ name: 'Offramp files', extensions }] });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
