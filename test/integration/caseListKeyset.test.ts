import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseCursor, CaseListInput, CaseListRow } from '../../shared/contract/cases';
import { caseSortColumns } from '../../shared/model/caseRecord';
import { riskLevels } from '../../shared/domain/ids';
import { createCase, listCases } from '../../electron/backend/services/cases';
import { addTag, removeTag } from '../../electron/backend/services/caseTags';
import { homeSummary } from '../../electron/backend/services/home';
import { purgeCase } from '../../electron/backend/services/purge';
import type { Db } from '../../electron/backend/vault/database';
import { createTestVault, gamblingIntake, type TestVault } from '../helpers/vault';

let vault: TestVault | undefined;
afterEach(() => {
  vault?.cleanup();
  vault = undefined;
});

const TODAY = '2026-11-20';

async function vaultWithCases(n: number): Promise<{ db: Db; ids: string[] }> {
  vault = await createTestVault();
  const ids: string[] = [];
  let clock = Date.parse('2026-11-10T00:00:00Z');
  for (let i = 0; i < n; i += 1) {
    clock += 60_000 * ((i * 7) % 5);
    const intake = { ...gamblingIntake(`case${i}`), title: `Title ${String.fromCharCode(65 + (i % 26))} ${i}` };
    ids.push(createCase(vault.session.db, vault.session.user, intake, new Date(clock)).id);
  }
  const db = vault.session.db;
  // Spread the list's columns so every sort has ties, empties and several values.
  ids.forEach((id, i) => {
    db.prepare('UPDATE cases SET risk = ?, status = ?, assigned_to = ?, next_review = ?, program = ? WHERE id = ?').run(
      riskLevels[i % 4],
      ['open', 'monitoring', 'closed'][i % 3],
      i % 5 === 0 ? null : `User ${i % 3}`,
      i % 4 === 0 ? null : `2026-1${i % 3}-0${1 + (i % 9)}`,
      i % 2 === 0 ? 'dod' : 'other',
      id,
    );
  });
  return { db, ids };
}

/** Reads every page by keyset; `between` runs after each page (to change rows while paging). */
async function walk(db: Db, input: CaseListInput, limit: number, between: (page: number) => void = () => undefined): Promise<CaseListRow[]> {
  const seen: CaseListRow[] = [];
  let after: CaseCursor | undefined;
  let knownTotal: number | undefined;
  for (let page = 0; page < 1000; page += 1) {
    const result = await listCases(db, { ...input, limit, withTotal: page === 0, ...(knownTotal === undefined ? {} : { knownTotal }), ...(after === undefined ? {} : { after }) }, { today: TODAY });
    if (page === 0) {
      expect(result.total).not.toBeNull();
      knownTotal = result.total ?? 0;
    } else {
      expect(result.total).toBeNull();
    }
    seen.push(...result.rows);
    if (result.nextCursor === null) return seen;
    after = result.nextCursor;
    between(page);
  }
  throw new Error('paging did not end');
}

describe('keyset paging of the case list', () => {
  it('reads every case exactly once, in the same order as one long page, for every sort, direction and plan', async () => {
    const { db } = await vaultWithCases(47);
    for (const filter of [{}, { status: 'open' as const }, { query: 'narrative' }]) {
      for (const sort of caseSortColumns) {
        for (const direction of ['asc', 'desc'] as const) {
          const whole = await listCases(db, { ...filter, sort, direction, limit: 500 }, { today: TODAY });
          for (const walkSortIndexAbove of [0, Infinity]) {
            const paged: CaseListRow[] = [];
            let after: CaseCursor | undefined;
            for (;;) {
              const page = await listCases(db, { ...filter, sort, direction, limit: 6, ...(after === undefined ? {} : { after }) }, { walkSortIndexAbove, today: TODAY });
              paged.push(...page.rows);
              if (page.nextCursor === null) break;
              after = page.nextCursor;
            }
            expect(paged.map((r) => r.number), `${JSON.stringify(filter)} ${sort} ${direction}`).toEqual(whole.rows.map((r) => r.number));
          }
        }
      }
    }
  });

  it('has no duplicates and no gaps while cases change between pages', async () => {
    const { db, ids } = await vaultWithCases(40);
    const before = new Set(ids);
    let n = 0;
    const seen = await walk(db, { sort: 'lastActivity', direction: 'desc' }, 5, (page) => {
      // New cases arrive (newest activity, before the cursor) and a case already
      // read is touched again; neither may repeat or push another case out.
      if (vault === undefined) throw new Error('no vault');
      createCase(db, vault.session.user, gamblingIntake(`arrived ${page}`), new Date(`2026-11-19T0${page % 10}:00:00Z`));
      const read = ids[n++];
      if (read !== undefined) db.prepare("UPDATE cases SET title = 'changed' WHERE id = ?").run(read);
    });
    const numbers = seen.map((r) => r.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const id of before) expect(seen.some((r) => r.id === id), id).toBe(true);

    // Sorted by number, cases deleted ahead of the cursor leave no gap either.
    const ordered = (await listCases(db, { sort: 'number', direction: 'asc', limit: 500 })).rows.map((r) => r.id);
    const doomed = new Set(ordered.slice(-8, -4));
    let purged = false;
    const byNumber = await walk(db, { sort: 'number', direction: 'asc' }, 4, () => {
      if (purged) return;
      purged = true;
      db.transaction(() => {
        for (const id of doomed) purgeCase(db, id);
      })();
    });
    expect(byNumber.map((r) => r.id)).toEqual(ordered.filter((id) => !doomed.has(id)));
  });

  it('marks overdue reviews, lists tags and filters by tag, stage and assignee', async () => {
    const { db, ids } = await vaultWithCases(12);
    if (vault === undefined) throw new Error('no vault');
    const [a, b] = ids as [string, string];
    expect(await addTag(vault.session, a, '  USB   Exfil ', vault.now())).toEqual(['usb exfil']);
    expect(await addTag(vault.session, a, 'travel', vault.now())).toEqual(['travel', 'usb exfil']);
    expect(await addTag(vault.session, b, 'usb exfil', vault.now())).toEqual(['usb exfil']);
    const tagged = await listCases(db, { tag: 'Usb Exfil', sort: 'number', direction: 'asc' }, { today: TODAY });
    expect(tagged.total).toBe(2);
    expect(tagged.rows.map((r) => [r.id, r.tags])).toEqual([
      [a, ['travel', 'usb exfil']],
      [b, ['usb exfil']],
    ]);
    expect(await removeTag(vault.session, a, 'travel', vault.now())).toEqual(['usb exfil']);
    await expect(removeTag(vault.session, a, 'travel', new Date())).rejects.toThrow(/does not carry/);
    const audit = db.prepare("SELECT action, detail FROM audit_events WHERE action LIKE 'case.tag_%' ORDER BY seq").all() as { action: string; detail: string }[];
    expect(audit.map((e) => e.action)).toEqual(['case.tag_add', 'case.tag_add', 'case.tag_add', 'case.tag_remove']);
    for (const e of audit) expect(e.detail).not.toMatch(/usb|travel/i);

    const all = (await listCases(db, { limit: 500 }, { today: TODAY })).rows;
    for (const r of all) expect(r.overdue).toBe(r.status !== 'closed' && r.nextReview !== null && r.nextReview < TODAY);
    expect(all.some((r) => r.overdue)).toBe(true);
    const stressor = (await listCases(db, { stage: 'stressor', limit: 500 })).rows;
    expect(stressor.length).toBe(all.filter((r) => r.furthestStage === 'stressor').length);
    expect((await listCases(db, { stage: 'none' })).total).toBe(all.filter((r) => r.furthestStage === null).length);
    expect((await listCases(db, { assignedTo: 'User 1', limit: 500 })).rows.every((r) => r.assignedTo === 'User 1')).toBe(true);
  });
});

describe('search', () => {
  it('finds cases by words spread over their items, and says why with the matched words marked', async () => {
    const { db, ids } = await vaultWithCases(3);
    const id = ids[1] ?? '';
    db.prepare("UPDATE indicators SET detail = 'Copied 1,214 export-controlled files to a personal USB drive on the last day' WHERE case_id = ? AND stage = 'stressor'").run(id);
    const found = await listCases(db, { query: 'usb exp' }, { today: TODAY });
    expect(found.total).toBe(1);
    const row = found.rows[0];
    expect(row?.id).toBe(id);
    expect(row?.snippet?.kind).toBe('indicator');
    expect(row?.snippet?.parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['export', 'USB']);
    expect(row?.snippet?.parts.map((p) => p.text).join('')).toContain('personal USB drive');
    // Every word must occur in the case, in any of its items: the title and an indicator.
    const title = db.prepare('SELECT title FROM cases WHERE id = ?').get(id) as { title: string };
    expect((await listCases(db, { query: `${title.title.split(' ')[1] ?? ''} 1 personal` })).rows.map((r) => r.id)).toEqual([id]);
  });

  it('never indexes a subject’s real name, employee id, organization unit or position', async () => {
    vault = await createTestVault();
    const intake = gamblingIntake();
    createCase(vault.session.db, vault.session.user, { ...intake, subject: { ...intake.subject, realName: 'Zebulon Quixotic', employeeId: 'E-77231', orgUnit: 'Vexillology', position: 'Quartermaster' } }, vault.now());
    const db = vault.session.db;
    for (const word of ['Zebulon', 'Quixotic', '77231', 'Vexillology', 'Quartermaster']) {
      expect((db.prepare('SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ?').get(`"${word}"`) as { n: number }).n, word).toBe(0);
      expect((await listCases(db, { query: word })).total, word).toBe(0);
    }
    expect((await listCases(db, { query: 'gambling' })).total).toBe(1);
  });
});

describe('home counts', () => {
  /** The counts as a full scan finds them (what the triggers must agree with). */
  function scanned(db: Db) {
    const byRisk: Record<string, number> = Object.fromEntries(riskLevels.map((r) => [r, 0]));
    for (const r of db.prepare("SELECT coalesce(risk, 'not_assessed') AS k, count(*) AS n FROM cases WHERE status != 'closed' GROUP BY 1").all() as { k: string; n: number }[]) byRisk[r.k] = r.n;
    const byStage: Record<string, number> = { predisposition: 0, stressor: 0, concerning_behavior: 0, none: 0 };
    for (const r of db.prepare("SELECT coalesce(furthest_stage, 'none') AS k, count(*) AS n FROM cases WHERE status != 'closed' GROUP BY 1").all() as { k: string; n: number }[]) byStage[r.k] = r.n;
    const pending = db
      .prepare(
        `SELECT o.case_id || '/' || o.recipient AS k FROM obligations o JOIN cases c ON c.id = o.case_id
         WHERE o.recipient != 'internal' AND c.status != 'closed' AND NOT EXISTS (SELECT 1 FROM reporting_records r WHERE r.case_id = o.case_id AND r.recipient = o.recipient) ORDER BY 1`,
      )
      .all() as { k: string }[];
    return { open: Object.values(byRisk).reduce((a, b) => a + b, 0), byRisk, byStage, pending: pending.map((p) => p.k) };
  }

  it('match a full scan after any sequence of changes, whichever path makes them', async () => {
    const { db, ids } = await vaultWithCases(6);
    const live = [...ids];
    const recipients = ['dcsa', 'fbi', 'internal', 'dod_ig'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('status' as const), i: fc.nat(), v: fc.constantFrom('open', 'monitoring', 'closed') }),
      fc.record({ kind: fc.constant('risk' as const), i: fc.nat(), v: fc.constantFrom('low', 'moderate', 'high', 'critical') }),
      fc.record({ kind: fc.constant('stage' as const), i: fc.nat(), v: fc.constantFrom('predisposition', 'stressor', 'concerning_behavior', null) }),
      fc.record({ kind: fc.constant('oblige' as const), i: fc.nat(), v: fc.constantFrom(...recipients) }),
      fc.record({ kind: fc.constant('unoblige' as const), i: fc.nat(), v: fc.constantFrom(...recipients) }),
      fc.record({ kind: fc.constant('report' as const), i: fc.nat(), v: fc.constantFrom(...recipients) }),
      fc.record({ kind: fc.constant('unreport' as const), i: fc.nat(), v: fc.constantFrom(...recipients) }),
      fc.record({ kind: fc.constant('create' as const), i: fc.nat(), v: fc.constant(null) }),
      fc.record({ kind: fc.constant('purge' as const), i: fc.nat(), v: fc.constant(null) }),
    );
    let serial = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        for (const o of ops) {
          const id = live[o.i % Math.max(1, live.length)];
          if (o.kind === 'create') {
            if (vault === undefined) throw new Error('no vault');
            live.push(createCase(db, vault.session.user, gamblingIntake(`made ${serial++}`), vault.now()).id);
            continue;
          }
          if (id === undefined) continue;
          if (o.kind === 'status') db.prepare('UPDATE cases SET status = ? WHERE id = ?').run(o.v, id);
          else if (o.kind === 'risk') db.prepare('UPDATE cases SET risk = ? WHERE id = ?').run(o.v, id);
          else if (o.kind === 'stage') db.prepare('UPDATE cases SET furthest_stage = ? WHERE id = ?').run(o.v, id);
          else if (o.kind === 'oblige') db.prepare("INSERT OR REPLACE INTO obligations (case_id, recipient, basis, citation, timing, computed_at) VALUES (?, ?, 'b', 'c', 'promptly', 't')").run(id, o.v);
          else if (o.kind === 'unoblige') db.prepare('DELETE FROM obligations WHERE case_id = ? AND recipient = ?').run(id, o.v);
          else if (o.kind === 'report') {
            db.prepare("INSERT INTO reporting_records (id, case_id, recipient, outcome, reported_on, method, reference, reported_by, justification, recorded_by, recorded_at) VALUES (?, ?, ?, 'reported', '2026-11-01', 'm', 'r', 'u', '', 'u', 't')").run(`rr${serial++}`, id, o.v);
          } else if (o.kind === 'unreport') db.prepare('DELETE FROM reporting_records WHERE rowid = (SELECT rowid FROM reporting_records WHERE case_id = ? AND recipient = ? LIMIT 1)').run(id, o.v);
          else {
            db.transaction(() => purgeCase(db, id))();
            live.splice(live.indexOf(id), 1);
          }
        }
        const expected = scanned(db);
        const home = await homeSummary(db, { name: 'Dana Whitfield', role: 'program_manager' }, TODAY);
        expect(home.counts).toEqual({ open: expected.open, byRisk: expected.byRisk, byStage: expected.byStage });
        const maintained = (db.prepare("SELECT case_id || '/' || recipient AS k FROM pending_obligations ORDER BY 1").all() as { k: string }[]).map((r) => r.k);
        expect(maintained).toEqual(expected.pending);
        expect(home.pendingObligations.map((p) => `${p.caseId}/${p.recipient}`).sort()).toEqual(expected.pending.slice(0, 50).sort());
      }),
      { numRuns: 25, seed: 20261120 },
    );
  });

  it('keep a "not assessed" bucket for a case without a risk', async () => {
    const { db, ids } = await vaultWithCases(1);
    // A case without a risk (as the first assessment will set it) counts apart.
    db.pragma('ignore_check_constraints = ON');
    const info = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'cases'").get() as { sql: string };
    if (/risk TEXT NOT NULL/.test(info.sql)) {
      db.prepare("UPDATE cases SET risk = 'not_assessed' WHERE id = ?").run(ids[0]);
    } else {
      db.prepare('UPDATE cases SET risk = NULL WHERE id = ?').run(ids[0]);
    }
    const status = (db.prepare('SELECT status FROM cases WHERE id = ?').get(ids[0]) as { status: string }).status;
    const home = await homeSummary(db, { name: 'Dana Whitfield', role: 'program_manager' }, TODAY);
    expect(home.counts.byRisk['not_assessed']).toBe(status === 'closed' ? undefined : 1);
  });
});
