import { describe, expect, it, vi } from 'vitest';

const exposed = vi.hoisted(() => ({ worlds: new Map<string, unknown>(), invoke: vi.fn(() => Promise.resolve({ ok: true, value: 1 })) }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.worlds.set(key, api) },
  ipcRenderer: { invoke: exposed.invoke },
}));

describe('preload', () => {
  it('exposes exactly one function, invoke, on window.offramp', async () => {
    await import('./index');
    expect([...exposed.worlds.keys()]).toEqual(['offramp']);
    const api = exposed.worlds.get('offramp') as Record<string, unknown>;
    expect(Object.keys(api)).toEqual(['invoke']);
    expect(typeof api['invoke']).toBe('function');
  });

  it('forwards invoke over the single IPC channel', async () => {
    const api = exposed.worlds.get('offramp') as { invoke: (m: unknown, i: unknown) => Promise<unknown> };
    await expect(api.invoke('app.info', {})).resolves.toEqual({ ok: true, value: 1 });
    expect(exposed.invoke).toHaveBeenCalledWith('offramp:invoke', 'app.info', {});
  });
});
