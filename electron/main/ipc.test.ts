import type { IpcMain, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNEL, registerInvoke } from './ipc';

describe('registerInvoke', () => {
  const ours = {} as WebContents;
  let handler: ((event: unknown, method: unknown, input: unknown) => Promise<unknown>) | undefined;
  let channel = '';
  const ipcMain = {
    handle: (name: string, fn: typeof handler) => {
      channel = name;
      handler = fn;
    },
  } as unknown as IpcMain;
  const dispatch = vi.fn(() => Promise.resolve({ ok: true as const, value: 'pong' }));
  registerInvoke(ipcMain, dispatch, () => ours);

  it('uses one channel', () => {
    expect(channel).toBe(INVOKE_CHANNEL);
  });
  it('passes calls from our main frame to the dispatcher', async () => {
    const event = { sender: ours, senderFrame: { url: 'app://offramp/index.html', parent: null } };
    await expect(handler!(event, 'app.info', {})).resolves.toEqual({ ok: true, value: 'pong' });
    expect(dispatch).toHaveBeenCalledWith('app.info', {});
  });
  it('answers a forbidden envelope to anyone else, without dispatching', async () => {
    dispatch.mockClear();
    const event = { sender: {}, senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(handler!(event, 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});
