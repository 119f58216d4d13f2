import { contextBridge, ipcRenderer, webUtils } from 'electron';

// The page gets two functions. It cannot reach ipcRenderer, Node or the channel
// name; the main process validates everything that arrives.
contextBridge.exposeInMainWorld('offramp', {
  invoke: (method: unknown, input: unknown): Promise<unknown> => ipcRenderer.invoke('offramp:invoke', method, input),
  // A file dropped on the evidence tab: its path on disk, so the backend reads the
  // file itself and no content crosses IPC. Only a real File yields a path; the
  // path is a string the backend checks like any other (regular file, size limit).
  pathForFile: (file: unknown): string => (file instanceof File ? webUtils.getPathForFile(file) : ''),
});
