import type { Envelope, ErrorCode, MethodInput, MethodName, MethodOutput } from '../../../shared/contract';

/** What the preload (or the test harness) puts on window: one function. */
interface OfframpBridge {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
}

declare global {
  interface Window {
    offramp?: OfframpBridge;
  }
}

/** A failed call, with the backend's error code for the screens to act on. */
export class CallError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'CallError';
    this.code = code;
  }
}

type LockListener = () => void;
const lockListeners = new Set<LockListener>();

/** Called whenever the backend answers 'locked' (idle lock, or locked elsewhere). */
export function onBackendLocked(listener: LockListener): () => void {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

/**
 * The typed client of the IPC contract: the only way the renderer reaches the
 * backend. Resolves with the method's output or rejects with a CallError.
 */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const bridge = window.offramp;
  if (bridge === undefined) throw new CallError('internal', 'Offramp is not connected to its backend.');
  let envelope: Envelope<unknown>;
  try {
    envelope = await bridge.invoke(method, input);
  } catch {
    throw new CallError('internal', 'The backend did not answer. Try again; if it persists, restart Offramp.');
  }
  if (envelope.ok) return envelope.value as MethodOutput<M>;
  if (envelope.error.code === 'locked') for (const listener of lockListeners) listener();
  throw new CallError(envelope.error.code, envelope.error.message);
}

export function errorMessage(error: unknown): string {
  if (error instanceof CallError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
