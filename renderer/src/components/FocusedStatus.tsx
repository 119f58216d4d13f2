import { useEffect, useRef, type ReactNode } from 'react';
import { Alert, type AlertKind } from './Alert';

/**
 * The result of a submit (saved, refused, nothing changed), announced and focused:
 * after each submit focus moves to its result instead of dropping to the page.
 * `token` is the message object: focus moves each time a new one is set.
 * Errors are announced as alerts unless `role` says otherwise.
 */
export function FocusedStatus({ kind, token, role, className, children }: { kind: AlertKind; token: object; role?: 'status' | 'alert'; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [token]);
  return (
    <Alert ref={ref} tabIndex={-1} kind={kind} className={className} role={role ?? 'status'}>
      {children}
    </Alert>
  );
}
