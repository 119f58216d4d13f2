import type { IpcMain, WebContents } from 'electron';
import type { Envelope } from '../../shared/contract';
import type { Dispatcher } from '../backend/dispatcher';
import { isTrustedSender } from './security';

export const INVOKE_CHANNEL = 'offramp:invoke';

/**
 * The IPC transport: one channel, sender checked, everything else decided by the
 * backend dispatcher (which validates method and input). Never throws to the page.
 */
export function registerInvoke(ipcMain: IpcMain, dispatch: Dispatcher, trusted: () => WebContents | null): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event, trusted)) {
      return { ok: false, error: { code: 'forbidden', message: 'This window may not call the Offramp backend.' } };
    }
    return dispatch(method, input);
  });
}
