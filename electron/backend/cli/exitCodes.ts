import type { ErrorCode } from '../../../shared/contract';

/** Exit codes of the `offramp` command (see the CLI contract). */
export const exitCodes = {
  ok: 0,
  failed: 1,
  usage: 2,
  auth: 3,
  integrity: 4,
  /** The user is known and unlocked, but the permission map does not allow this; nothing changed, and the attempt is audited. */
  forbidden: 5,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** An error that ends a command with a given exit code and a plain message. */
export class CliError extends Error {
  readonly exitCode: ExitCode;

  constructor(exitCode: ExitCode, message: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Maps a backend error code onto the CLI's exit-code scheme. */
export function exitCodeFor(code: ErrorCode): ExitCode {
  switch (code) {
    case 'auth_failed':
      return exitCodes.auth;
    case 'integrity':
      return exitCodes.integrity;
    case 'unknown_method':
    case 'invalid_input':
    case 'not_found':
    case 'conflict':
      return exitCodes.usage;
    case 'forbidden':
      return exitCodes.forbidden;
    default:
      return exitCodes.failed;
  }
}
