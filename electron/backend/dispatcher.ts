import { ZodError } from 'zod';
import type { Handlers } from './handlers/types';
import { describeZodError } from './zodMessages';
import {
  AppError,
  contract,
  isMethodName,
  type Envelope,
} from '../../shared/contract';
import type { BackendContext } from './context';
import { guardMethod } from './services/access';
import { scheduleIdleMaintenance } from './vault/maintenance';

export type { Handler, Handlers } from './handlers/types';

export type Dispatcher = (method: unknown, input: unknown) => Promise<Envelope<unknown>>;

/**
 * The single entry point of the backend, shared by the Electron IPC transport, the
 * test harness and the CLI. It validates the method name and input, checks the
 * vault is unlocked where the method needs it, runs the handler, validates the
 * output, and always resolves to an envelope.
 */
export function createDispatcher(handlers: Handlers, ctx: BackendContext): Dispatcher {
  return async (method, input) => {
    if (!isMethodName(method)) {
      const shown = typeof method === 'string' ? JSON.stringify(method.slice(0, 80)) : typeof method;
      return fail('unknown_method', `Unknown method ${shown}.`);
    }
    const spec = contract[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return fail('invalid_input', `Invalid input for ${method}: ${describeZodError(parsed.error)}.`);
    }
    ctx.touch();
    if (!spec.public && ctx.session === null) {
      return fail('locked', 'The vault is locked. Unlock it to continue.');
    }
    try {
      // The permission map, for every method on one case, before its handler runs.
      if (!spec.public && ctx.session !== null) guardMethod(ctx.session.db, ctx.session.user, method, parsed.data, ctx.now());
      // The method name was checked above, so this handler accepts this parsed input.
      const run = handlers[method] as (input: unknown, ctx: BackendContext) => unknown;
      const value: unknown = await run(parsed.data, ctx);
      const open = ctx.session;
      if (open !== null && !open.closed) scheduleIdleMaintenance(open.db, (error) => ctx.log(`offramp: idle maintenance failed: ${error instanceof Error ? error.message : String(error)}`));
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        ctx.log(`offramp: ${method} produced an invalid result: ${describeZodError(checked.error)}`);
        return fail('invalid_output', `${method} produced a result that does not match the contract.`);
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.message);
      if (error instanceof ZodError) {
        return fail('invalid_input', `Invalid data in ${method}: ${describeZodError(error)}.`);
      }
      // Unexpected: keep the details in the diagnostic log (no case data is put in
      // error messages by our code), give the caller a stable, plain message.
      const name = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      ctx.log(`offramp: ${method} failed unexpectedly: ${name}`);
      return fail('internal', `${method} failed unexpectedly. Nothing was changed.`);
    }
  };
}

function fail(code: AppError["code"], message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}
