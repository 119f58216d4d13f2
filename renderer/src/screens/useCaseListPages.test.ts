import { describe, expect, it } from 'vitest';
import { MAX_IN_FLIGHT, pagesToStart } from './useCaseListPages';

const held = (...pages: number[]) => new Map(pages.map((p) => [p, []]));

describe('the case list requests only the pages in view, a few at a time', () => {
  it('starts at most MAX_IN_FLIGHT requests, in the order wanted', () => {
    expect(MAX_IN_FLIGHT).toBe(2);
    expect(pagesToStart([10, 20, 30], held(), new Set())).toEqual([10, 20]);
    expect(pagesToStart([10, 20, 30], held(), new Set([5]))).toEqual([10]);
    expect(pagesToStart([10, 20, 30], held(), new Set([5, 6]))).toEqual([]);
  });

  it('after a fast scroll, fetches the page now in view, not the pages passed over', () => {
    // The screen wanted pages 1…300 one after another while two requests were on their way;
    // when one finishes, only what is wanted now (the end of the list) is started.
    expect(pagesToStart([998, 999], held(0), new Set([7]))).toEqual([998]);
  });

  it('skips pages held or on their way, and waits for the page before one that follows it by keyset', () => {
    expect(pagesToStart([0, 1, 2], held(0), new Set())).toEqual([1]);
    // Page 3 waits to follow page 2 by keyset; page 4, not next to anything on its way, is fetched by position.
    expect(pagesToStart([3, 4], held(), new Set([2]))).toEqual([4]);
    expect(pagesToStart([3, 4], held(2), new Set())).toEqual([3]);
  });
});
