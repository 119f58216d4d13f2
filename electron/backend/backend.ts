import { createContext, lockSession, type BackendContext, type BackendOptions } from './context';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { handlers } from './handlers';

export interface Backend {
  readonly invoke: Dispatcher;
  readonly context: BackendContext;
  /** Locks the vault (if open) and releases everything. */
  close(): void;
}

/** Builds the backend that every transport (Electron IPC, test harness, CLI) talks to. */
export function createBackend(options: BackendOptions): Backend {
  const context = createContext(options);
  const invoke = createDispatcher(handlers, context);
  return {
    invoke,
    context,
    close() {
      lockSession(context, 'quit');
    },
  };
}
