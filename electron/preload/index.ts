import { contextBridge, ipcRenderer } from 'electron';

// The page gets exactly one function. It cannot reach ipcRenderer, Node or the
// channel name; the main process validates everything that arrives.
contextBridge.exposeInMainWorld('offramp', {
  invoke: (method: unknown, input: unknown): Promise<unknown> => ipcRenderer.invoke('offramp:invoke', method, input),
});
