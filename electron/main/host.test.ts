import type { BrowserWindow, Dialog } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { electronHost } from './host';

function fakes() {
  const webContents = {
    print: vi.fn((_options: unknown, callback: (success: boolean, reason: string) => void) => callback(true, '')),
    printToPDF: vi.fn(() => Promise.resolve(Buffer.from('%PDF-1.7 fake'))),
  };
  const window = { webContents } as unknown as BrowserWindow;
  const dialog = {
    showOpenDialog: vi.fn(() => Promise.resolve({ canceled: false, filePaths: ['/media/usb0'] })),
    showSaveDialog: vi.fn(() => Promise.resolve({ canceled: false, filePath: '/home/a/summary.pdf' })),
  };
  return { webContents, window, dialog, host: electronHost(dialog as unknown as Dialog, () => window) };
}

describe('electronHost (printing and dialogs)', () => {
  it('prints through the system dialog with backgrounds and the chosen paper', async () => {
    const { host, webContents } = fakes();
    await expect(host.print({ pageSize: 'Letter' })).resolves.toBe(true);
    expect(webContents.print).toHaveBeenCalledWith({ silent: false, printBackground: true, pageSize: 'Letter' }, expect.any(Function));
  });

  it('reports a cancelled print as false', async () => {
    const { host, webContents } = fakes();
    webContents.print.mockImplementationOnce((_o, cb) => cb(false, 'cancelled'));
    await expect(host.print({ pageSize: 'A4' })).resolves.toBe(false);
  });

  it('renders PDF with the page CSS size and returns the bytes', async () => {
    const { host, webContents } = fakes();
    const bytes = await host.printToPdf({ pageSize: 'A4' });
    expect(Buffer.from(bytes).toString()).toBe('%PDF-1.7 fake');
    expect(webContents.printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  });

  it('asks for folders and save paths modally, and maps cancel to null', async () => {
    const { host, dialog, window } = fakes();
    await expect(host.chooseFolder({ title: 'Removable volume' })).resolves.toBe('/media/usb0');
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(window, expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] }));
    await expect(host.chooseSavePath({ title: 'Save', defaultName: 'x.pdf', extension: 'pdf' })).resolves.toBe('/home/a/summary.pdf');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(host.chooseSavePath({ title: 'Save', defaultName: 'x.pdf', extension: 'pdf' })).resolves.toBeNull();
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(host.chooseOpenPath({ title: 'Open', extensions: ['age'] })).resolves.toBeNull();
  });

  it('fails plainly when there is no window', async () => {
    const host = electronHost({} as Dialog, () => null);
    await expect(host.printToPdf({ pageSize: 'A4' })).rejects.toThrow('No application window');
  });
});
