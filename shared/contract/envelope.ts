/**
 * The result envelope every IPC call returns. Nothing ever throws across the
 * process boundary: failures travel as `{ ok: false, error }`.
 */
export const errorCodes = [
  'unknown_method',
  'invalid_input',
  'invalid_output',
  'locked',
  'auth_failed',
  'forbidden',
  'not_found',
  'conflict',
  'integrity',
  'io',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface EnvelopeError {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: EnvelopeError };

/** An error a service raises on purpose; the dispatcher turns it into an envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
}

export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v['ok'] === true) return 'value' in v;
  if (v['ok'] === false) {
    const e = v['error'] as Record<string, unknown> | undefined;
    return typeof e === 'object' && e !== null && typeof e['code'] === 'string' && typeof e['message'] === 'string';
  }
  return false;
}
