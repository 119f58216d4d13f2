import type { MethodName, MethodOutput, MethodParsedInput } from '../../../shared/contract';
import type { BackendContext } from '../context';

export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  ctx: BackendContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** Every method of the contract must have exactly one handler: the type checker enforces it. */
export type Handlers = { [M in MethodName]: Handler<M> };
