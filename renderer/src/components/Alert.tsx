import { createElement, type HTMLAttributes, type ReactNode, type Ref } from 'react';

/** The four looks of a message block (styles.css: .alert-error, .alert-warn, .alert-ok, .alert-info). */
export type AlertKind = 'error' | 'warn' | 'ok' | 'info';

export interface AlertProps extends Omit<HTMLAttributes<HTMLElement>, 'role' | 'className' | 'children'> {
  kind: AlertKind;
  /**
   * How it is announced: errors as alerts and notices as status unless told otherwise;
   * 'region' for a labelled notice that stays on the page, null for one read in place.
   */
  role?: 'alert' | 'status' | 'region' | null;
  /** The element: a block by default, a paragraph or a list item where the markup needs one. */
  as?: 'div' | 'p' | 'li';
  /** Classes added after the alert's own (layout: "stack", "records-result", …). */
  className?: string;
  ref?: Ref<HTMLElement>;
  children: ReactNode;
}

/** The role an alert of this kind gets when the screen does not say. */
export function alertRole(kind: AlertKind): 'alert' | 'status' {
  return kind === 'error' ? 'alert' : 'status';
}

/**
 * Every error or notice block on a screen: one markup, one set of classes, so screens
 * look and are announced the same. The only place the `alert` classes are written.
 */
export function Alert({ kind, role, as = 'div', className, ref, children, ...rest }: AlertProps) {
  const resolved = role === undefined ? alertRole(kind) : role;
  return createElement(
    as,
    { ...rest, ref, className: `alert alert-${kind}${className === undefined ? '' : ` ${className}`}`, ...(resolved === null ? {} : { role: resolved }) },
    children,
  );
}
