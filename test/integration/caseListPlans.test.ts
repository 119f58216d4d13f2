import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSortColumns } from '../../shared/model/caseRecord';
import type { CaseListInput } from '../../shared/contract/cases';
import { listCases } from '../../electron/backend/services/cases';
import { REFRESH_IN_SEARCH_AT_MOST, refreshSearchCases, staleSearchCases } from '../../electron/backend/data/searchIndex';
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

/** Every SQL text listCases prepares, and the parameters each ran with, so its queries can be explained. */
function recording(target: Db): { db: Db; sql: string[]; params: Map<string, unknown[]> } {
  const sql: string[] = [];
  const params = new Map<string, unknown[]>();
  const proxy = new Proxy(target, {
    get(t, key, receiver) {
      if (key === 'prepare') return (text: string) => {
        sql.push(text);
        const st = t.prepare(text);
        return new Proxy(st, {
          get(s, k) {
            if (k === 'all' || k === 'get' || k === 'iterate' || k === 'run') return (...args: unknown[]) => {
              params.set(text, args.flat());
              return (s[k] as (...a: unknown[]) => unknown).apply(s, args);
            };
            const value = Reflect.get(s, k) as unknown;
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(s) : value;
          },
        });
      };
      return Reflect.get(t, key, receiver) as unknown;
    },
  });
  return { db: proxy, sql, params };
}

/** The page query: the one that ends with the page's limit and offset. */
const isPage = (text: string) => /limit \? offset \?$/.test(text);

describe('case-list pages', () => {
  it('are the same rows in the same order whichever plan reads them', async () => {
    for (const filter of filters) {
      for (const sort of caseSortColumns) {
        for (const direction of ['asc', 'desc'] as const) {
          for (const [offset, limit] of [[0, 25], [30, 40]] as const) {
            const input = { ...filter, sort, direction, offset, limit };
            const walked = await listCases(db, input, { walkSortIndexAbove: 0 });
            const collected = await listCases(db, input, { walkSortIndexAbove: Infinity });
            expect(walked).toEqual(collected);
          }
        }
      }
    }
  });

  it('sort as the list promises, with the case number breaking ties', async () => {
    const all = await listCases(db, { sort: 'risk', direction: 'desc', limit: 500 }, { walkSortIndexAbove: 0 });
    expect(all.total).toBe(240);
    // A case not yet assessed sorts with the highest risk: an unknown risk needs attention first.
    const rank = { not_assessed: 3, low: 0, moderate: 1, high: 2, critical: 3 };
    const expected = [...all.rows].sort((a, b) => rank[b.risk] - rank[a.risk] || b.number.localeCompare(a.number));
    expect(all.rows.map((r) => r.number)).toEqual(expected.map((r) => r.number));
    const search = await listCases(db, { query: 'garnishment', sort: 'lastActivity' });
    expect(search.total).toBe((db.prepare("SELECT count(DISTINCT si.case_id) AS n FROM search_fts f JOIN search_items si ON si.rowid = f.rowid WHERE search_fts MATCH '\"garnishment\"*'").get() as { n: number }).n);
  });

  it('read a large result in the order of an index, without sorting it', async () => {
    for (const sort of caseSortColumns) {
      const { db: spy, sql, params } = recording(db);
      await listCases(spy, { status: 'open', sort, direction: 'desc' }, { walkSortIndexAbove: 0 });
      const page = sql.find(isPage);
      if (page === undefined) throw new Error('no page query');
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${page}`).all(params.get(page) ?? []) as { detail: string }[]).map((r) => r.detail).join(' | ');
      // The subject sort walks the subjects' display-id index; only its tie-break may need a small sort.
      if (sort === 'subject') expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      else expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('find the cases of a search from the index of cases alone, and read items only of the listed cases', async () => {
    const { db: spy, sql, params } = recording(db);
    const page = await listCases(spy, { query: 'garnishment', sort: 'lastActivity', direction: 'desc', limit: 5 });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.snippet !== null)).toBe(true);
    const plan = (text: string, params: unknown[] | Record<string, unknown>) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const count = sql.find((s) => s.startsWith('select count(*) as "n" from "cases"'));
    const rows = sql.find(isPage);
    const items = sql.find((s) => s.includes('search_items si ON si.rowid BETWEEN'));
    if (count === undefined || rows === undefined || items === undefined) throw new Error('a search query is missing');
    // Counting and paging read the index of cases and the case rows: neither the item index nor one search_items row per match.
    for (const text of [count, rows]) {
      const p = plan(text, params.get(text) ?? []);
      expect(p).toMatch(/VIRTUAL TABLE INDEX 0:M/);
      expect(text).toMatch(/search_case_fts/);
      expect(text).not.toMatch(/search_fts\b|search_items/);
    }
    // Snippets read the listed cases' items by their range of row ids, never the whole index.
    expect(sql.some((s) => /search_fts\b/.test(s))).toBe(false);
    const p = plan(items, ['[1, 2]']);
    expect(p).toMatch(/SEARCH si USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
    expect(p).not.toMatch(/SCAN si/);
  });
  it('cut each listed case\'s snippet from its first item that holds every word, reading no further kinds of item of that case', async () => {
    const reads = new Map<string, number>();
    const counted = (text: string, st: ReturnType<Db['prepare']>): ReturnType<Db['prepare']> =>
      new Proxy(st, {
        get(target, k) {
          if (k === 'raw') return () => counted(text, target.raw());
          if (k === 'all' || k === 'get') return (...args: unknown[]) => {
            // A read of one kind of item for several cases at once counts once per case.
            const cases = typeof args[0] === 'string' && args[0].startsWith('[') ? (JSON.parse(args[0]) as unknown[]).length : 1;
            reads.set(text, (reads.get(text) ?? 0) + cases);
            return (target[k] as (...a: unknown[]) => unknown)(...args);
          };
          const value = Reflect.get(target, k) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    const spy = new Proxy(db, {
      get(t, key, receiver) {
        if (key === 'prepare') return (text: string) => counted(text, t.prepare(text));
        return Reflect.get(t, key, receiver) as unknown;
      },
    });
    const page = await listCases(spy, { query: 'garnishment', sort: 'lastActivity', direction: 'desc', limit: 20 });
    expect(page.rows.length).toBeGreaterThan(1);
    const kindReads = [...reads].filter(([text]) => /^SELECT case_id, id, .+ FROM (reports|indicators|analysis_items|assessments|actions|reviews|evidence) WHERE case_id IN \(SELECT value FROM json_each\(\?\)\)$/.test(text)).reduce((n, [, count]) => n + count, 0);
    // Every kind of item each listed case has, which reading every item would read.
    const kindsOf = db.prepare("SELECT count(DISTINCT kind) AS n FROM search_items WHERE case_id = ? AND kind <> 'case'");
    const everyKind = page.rows.reduce((n, r) => n + (kindsOf.get(r.id) as { n: number }).n, 0);
    expect(kindReads).toBeGreaterThanOrEqual(page.rows.filter((r) => r.snippet !== null && r.snippet.kind !== 'case').length);
    expect(kindReads).toBeLessThan(everyKind);
    expect(page.rows.every((r) => r.snippet?.parts.some((p) => p.hit && p.text.toLowerCase().startsWith('garnishment')))).toBe(true);
  });
});

describe('searches while the index of cases waits for changed cases', () => {
  const stale = () => staleSearchCases(db);
  const listEach = async (queries: CaseListInput[]) => {
    const pages = [];
    for (const q of queries) pages.push(await listCases(db, q));
    return pages;
  };

  it('find a change at the very next search, rebuilding the changed case first', async () => {
    const target = db.prepare("SELECT r.id, r.case_id FROM reports r JOIN cases c ON c.id = r.case_id WHERE c.title <> '' ORDER BY r.id LIMIT 1").get() as { id: string; case_id: string };
    const title = (db.prepare('SELECT title FROM cases WHERE id = ?').get(target.case_id) as { title: string }).title;
    db.prepare("UPDATE reports SET narrative = narrative || ' Quarantined zephyrword ledger.' WHERE id = ?").run(target.id);
    expect(stale()).toBe(1);
    // A word of the changed item together with a word of the case's own row.
    const found = await listCases(db, { query: `zephyrword ${title.split(' ')[0] ?? ''}` });
    expect(found.rows.map((r) => r.id)).toEqual([target.case_id]);
    expect(found.total).toBe(1);
    expect(found.rows[0]?.snippet).not.toBeNull();
    expect(stale()).toBe(0);
  });

  it('answer from the item index, with the same rows, counts and snippets, while more cases wait than a search rebuilds', async () => {
    const queries: CaseListInput[] = [{ query: 'garnishment' }, { query: 'supervisor', status: 'monitoring' }, { query: 'report' }, { query: 'payroll notice' }, { query: 'zephyr' }, { query: 'zzzz' }, { query: 'garn', sort: 'number', direction: 'asc', limit: 30 }];
    const indexed = await listEach(queries);
    // Every case waits, and so do as many cases that are gone (deleted since), past what one search rebuilds.
    db.prepare('INSERT INTO search_case_stale (search_key) SELECT search_key FROM cases').run();
    const insertGone = db.prepare('INSERT INTO search_case_stale (search_key) VALUES (?)');
    for (let k = 1; stale() <= REFRESH_IN_SEARCH_AT_MOST; k += 1) insertGone.run(1_000_000 + k);
    const waiting = stale();
    expect(await listEach(queries)).toEqual(indexed);
    // The search rebuilt nothing: it read the item index.
    expect(stale()).toBe(waiting);
    expect(refreshSearchCases(db)).toBe(0);
    expect(await listEach(queries)).toEqual(indexed);
  });
});
