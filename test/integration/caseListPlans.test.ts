import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSortColumns } from '../../shared/model/caseRecord';
import type { CaseListInput } from '../../shared/contract/cases';
import { listCases } from '../../electron/backend/services/cases';
import type { Db } from '../../electron/backend/vault/database';
import { openWithRecoveryKey } from '../../electron/backend/vault/vault';
import { seedVault } from '../bench/seed';

let root: string;
let db: Db;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'offramp-list-'));
  const dir = join(root, 'vault');
  const { recoveryKey } = await seedVault({ cases: 240, seed: 9, vaultDir: dir, passphrase: 'synthetic hub ledger quartz meadow', kdf: 'fast-insecure-for-tests' });
  db = openWithRecoveryKey(dir, recoveryKey);
}, 60_000);
afterAll(() => {
  db.close();
  rmSync(root, { recursive: true, force: true });
});

const filters: CaseListInput[] = [{}, { status: 'open' }, { risk: 'high' }, { program: 'dod', status: 'closed' }, { assignedTo: 'Priya Raman' }, { team: 'Priya Raman' }, { query: 'garnishment' }, { query: 'supervisor', status: 'monitoring' }, { query: 'zzzz' }];

/** Every SQL text listCases prepares, so its page query can be explained. */
function recording(target: Db): { db: Db; sql: string[] } {
  const sql: string[] = [];
  const proxy = new Proxy(target, {
    get(t, key, receiver) {
      if (key === 'prepare') return (text: string) => {
        sql.push(text);
        return t.prepare(text);
      };
      return Reflect.get(t, key, receiver) as unknown;
    },
  });
  return { db: proxy, sql };
}

describe('case-list pages', () => {
  it('are the same rows in the same order whichever plan reads them', () => {
    for (const filter of filters) {
      for (const sort of caseSortColumns) {
        for (const direction of ['asc', 'desc'] as const) {
          for (const [offset, limit] of [[0, 25], [30, 40]] as const) {
            const input = { ...filter, sort, direction, offset, limit };
            const walked = listCases(db, input, { walkSortIndexAbove: 0 });
            const collected = listCases(db, input, { walkSortIndexAbove: Infinity });
            expect(walked).toEqual(collected);
          }
        }
      }
    }
  });

  it('sort as the list promises, with the case number breaking ties', () => {
    const all = listCases(db, { sort: 'risk', direction: 'desc', limit: 500 }, { walkSortIndexAbove: 0 });
    expect(all.total).toBe(240);
    // A case not yet assessed sorts with the highest risk: an unknown risk needs attention first.
    const rank = { not_assessed: 3, low: 0, moderate: 1, high: 2, critical: 3 };
    const expected = [...all.rows].sort((a, b) => rank[b.risk] - rank[a.risk] || b.number.localeCompare(a.number));
    expect(all.rows.map((r) => r.number)).toEqual(expected.map((r) => r.number));
    const search = listCases(db, { query: 'garnishment', sort: 'lastActivity' });
    expect(search.total).toBe((db.prepare("SELECT count(DISTINCT si.case_id) AS n FROM search_fts f JOIN search_items si ON si.rowid = f.rowid WHERE search_fts MATCH '\"garnishment\"*'").get() as { n: number }).n);
  });

  it('read a large result in the order of an index, without sorting it', () => {
    for (const sort of caseSortColumns) {
      const { db: spy, sql } = recording(db);
      listCases(spy, { status: 'open', sort, direction: 'desc' }, { walkSortIndexAbove: 0 });
      const page = sql.find((s) => s.includes('LIMIT @limit'));
      if (page === undefined) throw new Error('no page query');
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${page}`).all({ status: 'open', limit: 100, offset: 0 }) as { detail: string }[]).map((r) => r.detail).join(' | ');
      // The subject sort walks the subjects' display-id index; only its tie-break may need a small sort.
      if (sort === 'subject') expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      else expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('find the cases of a search from the index alone, looking up only the listed cases\' matches', () => {
    const { db: spy, sql } = recording(db);
    const page = listCases(spy, { query: 'garnishment', sort: 'lastActivity', direction: 'desc', limit: 5 });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.snippet !== null)).toBe(true);
    const plan = (text: string, params: unknown[] | Record<string, unknown>) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const named = { w0: '"garnishment"*', limit: 5, offset: 0 };
    const count = sql.find((s) => s.startsWith('SELECT count(*)'));
    const rows = sql.find((s) => s.includes('LIMIT @limit'));
    const snippets = sql.find((s) => s.includes('FROM search_items si'));
    if (count === undefined || rows === undefined || snippets === undefined) throw new Error('a search query is missing');
    // Counting and paging read the index and the case rows, never one search_items row per match.
    for (const text of [count, rows]) {
      const p = plan(text, named);
      expect(p).toMatch(/VIRTUAL TABLE INDEX 0:M/);
      expect(p).not.toMatch(/search_items|\bsi\b/);
    }
    // Snippets look up items only for the matches whose row id falls in a listed case.
    const p = plan(snippets, ['"garnishment"*', '[1]']);
    expect(p).toMatch(/SEARCH si USING INTEGER PRIMARY KEY/);
    expect(p).toMatch(/json_each/);
    expect(p).not.toMatch(/SCAN si/);
  });
  it('cut each listed case\'s snippet from its first item that holds every word, reading no further items of that case', () => {
    const sql: string[] = [];
    const reads = new Map<string, number>();
    const spy = new Proxy(db, {
      get(t, key, receiver) {
        if (key === 'prepare') return (text: string) => {
          sql.push(text);
          const prepared = t.prepare(text);
          return new Proxy(prepared, {
            get(st, k) {
              if (k === 'get') return (...args: unknown[]) => {
                reads.set(text, (reads.get(text) ?? 0) + 1);
                return st.get(...args);
              };
              const value = Reflect.get(st, k) as unknown;
              return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(st) : value;
            },
          });
        };
        return Reflect.get(t, key, receiver) as unknown;
      },
    });
    const page = listCases(spy, { query: 'garnishment', sort: 'lastActivity', direction: 'desc', limit: 20 });
    expect(page.rows.length).toBeGreaterThan(1);
    // Some listed case has more than one matching item, so reading them all would show.
    const keys = (db.prepare('SELECT search_key FROM cases WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(page.rows.map((r) => r.id))) as { search_key: number }[]).map((r) => r.search_key);
    const perCase = db.prepare("SELECT rowid >> 24 AS k, count(*) AS n FROM search_fts WHERE search_fts MATCH '\"garnishment\"*' GROUP BY 1").all() as { k: number; n: number }[];
    expect(perCase.some((c) => keys.includes(c.k) && c.n > 1)).toBe(true);
    const itemReads = [...reads].filter(([text]) => /^SELECT .+ FROM (reports|indicators|analysis_items|assessments|actions|reviews|evidence) WHERE id = \?$/.test(text)).reduce((n, [, count]) => n + count, 0);
    // A one-word search: the first matching item of a case holds the word, so one read per case whose snippet is an item's.
    expect(itemReads).toBe(page.rows.filter((r) => r.snippet !== null && r.snippet.kind !== 'case').length);
    expect(page.rows.every((r) => r.snippet?.parts.some((p) => p.hit && p.text.toLowerCase().startsWith('garnishment')))).toBe(true);
  });
});
