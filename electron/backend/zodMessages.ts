import type { ZodError } from 'zod';

/** A zod failure in words: the first few fields and what is wrong with each. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join('.') : '(input)';
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}
