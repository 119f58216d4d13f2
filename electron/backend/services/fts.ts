import type { MatchSnippet } from '../../../shared/contract/cases';
import { itemsOfCases, itemTextsOfCases, type ItemRef, type ItemTexts } from '../data/search';
import type { Db } from '../vault/database';

/**
 * Full-text search. The index (search_fts, migration 0012) holds one row per
 * item — the case itself (number, title, pseudonym), each report, indicator,
 * analysis item, assessment, action, review and evidence name — kept by
 * triggers in the same transaction as the item, so every service path keeps it
 * right and a change rewrites only the item changed. The table is contentless:
 * it stores no copy of the text, so snippets are cut from the source rows.
 * Row ids are numbered per case (migration 0018): a match's row id shifted
 * right by SEARCH_ITEM_BITS is its case's search key. Its queries are in the
 * data layer (data/search.ts).
 */

export { searchedCaseKeys } from '../data/search';

/**
 * Turns what a person typed into safe FTS5 queries, one per word: each word
 * quoted (so no FTS syntax can be injected), the last one as a prefix.
 */
export function ftsWords(text: string): string[] {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}]+/gu);
  if (words === null || words.length === 0) return [];
  return words.slice(0, 12).map((w, i, all) => `"${w}"${i === all.length - 1 ? '*' : ''}`);
}

/** One FTS5 query of all the words (every word required), as one string. */
export function ftsQuery(text: string): string | null {
  const words = ftsWords(text);
  return words.length === 0 ? null : words.join(' ');
}

// Plain ASCII has no marks to take off: lower case is its whole fold.
const fold = (s: string) => (/[^\p{ASCII}]/u.test(s) ? s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() : s.toLowerCase());

interface Term {
  word: string;
  prefix: boolean;
}

function termsOf(words: readonly string[]): Term[] {
  return words.map((w) => ({ word: fold(w.replace(/^"|"\*?$/g, '')), prefix: w.endsWith('*') }));
}

/** Around the first matched word of `text`, at most about `width` characters, the matched words marked. */
export function highlight(text: string, words: readonly string[], width = 160): MatchSnippet['parts'] | null {
  const terms = termsOf(words);
  const isHit = (token: string) => {
    const w = fold(token);
    return terms.some((term) => (term.prefix ? w.startsWith(term.word) : w === term.word));
  };
  // Tokens are read only up to the end of the window: a long narrative is not
  // tokenized (and folded word by word) past what the snippet shows.
  const tokens = text.matchAll(/[\p{L}\p{N}]+/gu);
  let first: RegExpExecArray | undefined;
  for (const t of tokens) {
    if (isHit(t[0])) {
      first = t;
      break;
    }
  }
  if (first === undefined) return null;
  const at = first.index;
  // A little context before the first match, so the match shows even in a narrow column.
  let start = Math.max(0, at - 24);
  let end = Math.min(text.length, start + width);
  // Cut at word boundaries.
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > at ? text.lastIndexOf(' ', end) : end;
  const parts: MatchSnippet['parts'] = [];
  let pos = start;
  const mark = (hs: number, he: number) => {
    if (hs > pos) parts.push({ text: text.slice(pos, hs), hit: false });
    parts.push({ text: text.slice(hs, he), hit: true });
    pos = he;
  };
  if (at >= start && at + first[0].length <= end) mark(at, at + first[0].length);
  for (const h of tokens) {
    const hs = h.index;
    const he = hs + h[0].length;
    // Later words only start later: none past the window's end can be in it.
    if (hs >= end) break;
    if (hs < start || he > end || !isHit(h[0])) continue;
    mark(hs, he);
  }
  if (pos < end) parts.push({ text: text.slice(pos, end), hit: false });
  const first0 = parts[0];
  if (start > 0 && first0 !== undefined) first0.text = `…${first0.text}`;
  const lastPart = parts[parts.length - 1];
  if (end < text.length && lastPart !== undefined) lastPart.text = `${lastPart.text}…`;
  return parts.map((p) => ({ text: p.text.replace(/\s+/g, ' '), hit: p.hit }));
}

/** One listed case's walk through its items, in the index's order. */
interface Walk {
  id: string;
  items: readonly ItemRef[];
  /** The next item to look at. */
  next: number;
  /** The text of each kind of item of this case read so far: item id → texts. */
  read: Map<string, Map<string, ItemTexts>>;
  best: { score: number; snippet: MatchSnippet } | undefined;
}

/**
 * Why each listed case matched: the item that matches the most words, cut
 * around the first one. Only the listed cases' items are read, each case's in
 * order (its own row first) until one holds every word; an item with none of
 * the words has nothing to mark and is passed over, so the index is not read
 * for the whole hub's matches of a common word. The cases are walked side by
 * side: each kind of item is read for all the cases whose walk has reached it
 * in one statement, so a page of a hundred cases costs a statement per kind,
 * not one per case and kind, and a case that is settled reads no further kinds.
 */
export function matchSnippets(db: Db, cases: readonly { id: string; searchKey: number }[], words: readonly string[]): Map<string, MatchSnippet> {
  const out = new Map<string, MatchSnippet>();
  if (cases.length === 0 || words.length === 0) return out;
  const terms = termsOf(words);
  // No item can beat one that holds every word (and is not the case's own row):
  // a case that has one is settled, and its further items are not read.
  const highest = terms.length + 0.5;
  const itemsOf = itemsOfCases(db, cases.map((c) => c.searchKey));
  const all: Walk[] = cases.map((c) => ({ id: c.id, items: itemsOf.get(c.searchKey) ?? [], next: 0, read: new Map(), best: undefined }));
  let walks = all;
  while (walks.length > 0) {
    // Each case goes on until it is settled, ends, or reaches a kind of item not read yet.
    const waiting = new Map<string, Walk[]>();
    for (const walk of walks) {
      const kind = advance(walk, terms, words, highest);
      if (kind === null) continue;
      const waiters = waiting.get(kind);
      if (waiters === undefined) waiting.set(kind, [walk]);
      else waiters.push(walk);
    }
    for (const [kind, waiters] of waiting) {
      const texts = itemTextsOfCases(db, kind, waiters.map((w) => w.id));
      for (const walk of waiters) walk.read.set(kind, texts.get(walk.id) ?? new Map<string, ItemTexts>());
    }
    walks = [...waiting.values()].flat();
  }
  for (const walk of all) if (walk.best !== undefined) out.set(walk.id, walk.best.snippet);
  return out;
}

/**
 * Walks a case's items on from where it stopped, keeping the best text so far;
 * returns the kind of item it waits for (its text not read yet), or null once
 * the case is settled or its items end.
 */
function advance(walk: Walk, terms: readonly Term[], words: readonly string[], highest: number): string | null {
  for (; walk.next < walk.items.length; walk.next++) {
    if ((walk.best?.score ?? -1) >= highest) return null;
    const item = walk.items[walk.next];
    if (item === undefined) return null;
    const read = walk.read.get(item.kind);
    if (read === undefined) return item.kind;
    for (const text of read.get(item.itemId) ?? []) {
      if (typeof text !== 'string' || text === '') continue;
      const folded = fold(text);
      const found = terms.filter((t) => folded.includes(t.word)).length;
      // A text that holds none of the words has no word to mark.
      if (found === 0) continue;
      const score = found + (item.kind === 'case' ? 0 : 0.5);
      if ((walk.best?.score ?? -1) >= score) continue;
      const parts = highlight(text, words);
      if (parts !== null) walk.best = { score, snippet: { kind: item.kind, parts } };
    }
  }
  return null;
}
