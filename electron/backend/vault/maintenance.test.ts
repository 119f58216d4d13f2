import { describe, expect, it } from 'vitest';
import { staleSearchCases } from '../data/searchIndex';
import { freshDatabases } from './migrations/freshDatabase.test-helper';
import { migrate } from './migrations';
import { idleMaintenance, IDLE_CASE_REFRESH, lockMaintenance } from './maintenance';

const freshDb = freshDatabases('offramp-maintenance-');

function withChangedCases(n: number) {
  const db = freshDb();
  migrate(db);
  db.exec("INSERT INTO subjects (id, display_id, real_name, created_at) VALUES ('s', 'S-S', 'n', 't')");
  const kase = db.prepare("INSERT INTO cases (id, number, subject_id, title, program, status, risk, created_by, created_at, updated_at, last_activity_at) VALUES (?, ?, 's', ?, 'dod', 'open', 'high', 'u', 't', 't', 't')");
  db.transaction(() => {
    for (let i = 1; i <= n; i += 1) kase.run(`c${i}`, `OR-2026-${String(i).padStart(4, '0')}`, `Badge tailgating ${i}`);
  })();
  return db;
}
const indexed = (db: ReturnType<typeof freshDb>) => (db.prepare("SELECT count(*) AS n FROM search_case_fts WHERE search_case_fts MATCH '\"tailgating\"'").get() as { n: number }).n;

describe('idle and lock maintenance of the index of cases', () => {
  it('rebuilds some changed cases at each idle moment and all of them at lock', () => {
    const db = withChangedCases(IDLE_CASE_REFRESH + 5);
    expect(staleSearchCases(db)).toBe(IDLE_CASE_REFRESH + 5);
    idleMaintenance(db);
    expect(staleSearchCases(db)).toBe(5);
    expect(indexed(db)).toBe(IDLE_CASE_REFRESH);
    lockMaintenance(db);
    expect(staleSearchCases(db)).toBe(0);
    expect(indexed(db)).toBe(IDLE_CASE_REFRESH + 5);
  });
});
