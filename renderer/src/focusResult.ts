import { useEffect } from 'react';

/** How many frames a submit's result may take to appear (a reload of the case) before focus gives up on it. */
const FRAMES_TO_WAIT = 60;

function focusable(el: HTMLElement): HTMLElement {
  if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  return el;
}

/**
 * After a submit that adds or changes a row, focus moves to that row once it is on
 * screen (the case reloads first), so a keyboard user lands on what they just made.
 * `find` is asked each frame until it returns the element.
 */
export function focusWhenShown(find: () => HTMLElement | null | undefined): void {
  let frames = 0;
  const attempt = () => {
    const el = find();
    if (el !== null && el !== undefined && el.isConnected) {
      focusable(el).focus();
      el.scrollIntoView({ block: 'nearest' });
      return;
    }
    frames += 1;
    if (frames < FRAMES_TO_WAIT) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/** The element whose id is `id`, for focusWhenShown. */
export function byId(id: string): () => HTMLElement | null {
  return () => document.getElementById(id);
}

/**
 * No focus is lost to the page: when the focused element leaves the screen (a form
 * that closes, a row that is replaced), focus goes to the nearest place that is still
 * there: an open dialog, else the open tab panel, else the screen's heading, else the
 * main region.
 */
export function useFocusKeeper(): void {
  useEffect(() => {
    let last: Element | null = null;
    const onFocusIn = (event: FocusEvent) => {
      last = event.target instanceof Element ? event.target : null;
    };
    const recover = () => {
      if (last === null || last.isConnected) return;
      if (document.activeElement !== null && document.activeElement !== document.body) return;
      last = null;
      const fallback =
        document.querySelector<HTMLElement>('[role="dialog"]') ??
        document.querySelector<HTMLElement>('main [role="tabpanel"]') ??
        document.querySelector<HTMLElement>('main h1') ??
        document.querySelector<HTMLElement>('main');
      if (fallback !== null) focusable(fallback).focus({ preventScroll: true });
    };
    const observer = new MutationObserver(recover);
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener('focusin', onFocusIn, true);
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn, true);
    };
  }, []);
}
