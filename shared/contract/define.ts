import type { z } from 'zod';

/** One IPC method: a zod schema for its single input object and one for its output. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Callable without an unlocked vault (app info, vault status, unlock, create). */
  public?: boolean;
  /** One line for the generated method list in ARCHITECTURE.md and error messages. */
  summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

/**
 * Joins the per-domain method maps into one contract. A name declared twice is a
 * programming error, so it fails at module load, not at the first call.
 */
export function joinContracts<T extends Record<string, MethodSpec>[]>(...parts: T): UnionToIntersection<T[number]> {
  const joined: Record<string, MethodSpec> = {};
  for (const part of parts) {
    for (const [name, spec] of Object.entries(part)) {
      if (Object.hasOwn(joined, name)) throw new Error(`IPC method "${name}" is declared twice`);
      if (!/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/.test(name)) {
        throw new Error(`IPC method "${name}" must be named domain.action in camelCase`);
      }
      joined[name] = spec;
    }
  }
  return joined as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
