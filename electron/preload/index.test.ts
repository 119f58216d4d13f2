import { describe, expect, it, vi } from 'vitest';

const exposed = vi.hoisted(() => ({
  worlds: new Map<string, unknown>(),
  invoke: vi.fn(() => Promise.resolve({ ok: true, value: 1 })),
  getPathForFile: vi.fn((file: { name: string }) => `/media/usb/${file.name}`),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.worlds.set(key, api) },
  ipcRenderer: { invoke: exposed.invoke },
  webUtils: { getPathForFile: exposed.getPathForFile },
}));

describe('preload', () => {
  it('exposes exactly two functions, invoke and pathForFile, on window.offramp', async () => {
    await import('./index');
    expect([...exposed.worlds.keys()]).toEqual(['offramp']);
    const api = exposed.worlds.get('offramp') as Record<string, unknown>;
    expect(Object.keys(api)).toEqual(['invoke', 'pathForFile']);
    expect(typeof api['invoke']).toBe('function');
    expect(typeof api['pathForFile']).toBe('function');
  });

  it('forwards invoke over the single IPC channel', async () => {
    const api = exposed.worlds.get('offramp') as { invoke: (m: unknown, i: unknown) => Promise<unknown> };
    await expect(api.invoke('app.info', {})).resolves.toEqual({ ok: true, value: 1 });
    expect(exposed.invoke).toHaveBeenCalledWith('offramp:invoke', 'app.info', {});
  });

  it('gives the path of a dropped File, and nothing for anything else', () => {
    const api = exposed.worlds.get('offramp') as { pathForFile: (f: unknown) => string };
    expect(api.pathForFile(new File(['x'], 'photo.png'))).toBe('/media/usb/photo.png');
    expect(exposed.getPathForFile).toHaveBeenCalledTimes(1);
    expect(api.pathForFile({ name: 'photo.png' })).toBe('');
    expect(api.pathForFile('/etc/passwd')).toBe('');
    expect(exposed.getPathForFile).toHaveBeenCalledTimes(1);
  });
});
