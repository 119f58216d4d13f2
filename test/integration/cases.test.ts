import { afterEach, describe, expect, it } from 'vitest';
import { createCase, exportCases, importCases, listCases, viewCase } from '../../electron/backend/services/cases';
import { verifyAudit } from '../../electron/backend/vault/audit';
import { createTestVault, gamblingIntake, type TestVault } from '../helpers/vault';

let vault: TestVault;
afterEach(() => vault.cleanup());

describe('cases on a real encrypted vault', () => {
  it('opens a case from intake, numbers it, and lists it with its furthest stage', async () => {
    vault = await createTestVault();
    const { db, user } = vault.session;
    const { number } = createCase(db, user, gamblingIntake(), vault.now());
    expect(number).toBe('OR-2026-0001');
    expect(createCase(db, user, gamblingIntake(), vault.now()).number).toBe('OR-2026-0002');
    const page = await listCases(db, { sort: 'number', direction: 'asc' });
    expect(page.total).toBe(2);
    expect(page.rows[0]).toMatchObject({ number: 'OR-2026-0001', program: 'dod', status: 'open', furthestStage: 'stressor', assignedTo: 'Dana Whitfield' });
    expect(page.rows[0]?.subjectDisplayId).toMatch(/^S-[0-9A-Z]{5}$/);
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('refuses dates in the future and empty narratives, writing nothing', async () => {
    vault = await createTestVault();
    const { db, user } = vault.session;
    const future = gamblingIntake();
    future.report.receivedOn = '2027-01-01';
    expect(() => createCase(db, user, future, vault.now())).toThrow(/future/);
    const empty = gamblingIntake();
    empty.report.narrative = '   ';
    expect(() => createCase(db, user, empty, vault.now())).toThrow(/Narrative is required/);
    expect((await listCases(db, {})).total).toBe(0);
  });

  it('finds a case by a word of its narrative, by prefix, and ignores FTS syntax in the query', async () => {
    vault = await createTestVault();
    const { db, user } = vault.session;
    createCase(db, user, gamblingIntake('casino'), vault.now());
    expect((await listCases(db, { query: 'casino' })).total).toBe(1);
    expect((await listCases(db, { query: 'casi' })).total).toBe(1);
    expect((await listCases(db, { query: 'borrowing co-workers' })).total).toBe(1);
    expect((await listCases(db, { query: 'espionage' })).total).toBe(0);
    expect((await listCases(db, { query: '" OR * NEAR(' })).total).toBe(0);
  });

  it('hides the real name and a confidential reporter outside the case team, and audits the view', async () => {
    vault = await createTestVault();
    const { db, user } = vault.session;
    const { id } = createCase(db, user, gamblingIntake(), vault.now());
    const view = viewCase(vault.session, id, vault.now());
    expect(view.subject.realName).toBeNull();
    expect(view.reports[0]?.reporter).toBe('Supervisor, Logistics');
    const outsider = { ...vault.session, user: { name: 'Other Analyst', role: 'analyst' as const, createdAt: '' } };
    const hidden = viewCase(outsider, id, vault.now());
    expect(hidden.reports[0]).toMatchObject({ reporter: '', reporterHidden: true });
    const actions = (db.prepare('SELECT action FROM audit_events WHERE case_id = ?').all(id) as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['case.create', 'case.view', 'case.view']);
  });

  it('exports and imports cases all or nothing, naming a bad line', async () => {
    vault = await createTestVault();
    const { db, user } = vault.session;
    createCase(db, user, gamblingIntake('first'), vault.now());
    createCase(db, user, gamblingIntake('second'), vault.now());
    const lines = exportCases(db).map((r) => JSON.stringify(r));
    const other = await createTestVault();
    try {
      await expect(importCases(other.session.db, other.session.user, `${lines[0]}\n{"format":"offramp-case"}\n`, other.now())).rejects.toThrow(/^Line 2: /);
      await expect(importCases(other.session.db, other.session.user, `${lines[0]}\nnot json\n`, other.now())).rejects.toThrow(/Line 2: not valid JSON/);
      expect((await listCases(other.session.db, {})).total).toBe(0);
      expect(await importCases(other.session.db, other.session.user, lines.join('\n'), other.now())).toEqual({ imported: 2 });
      expect(exportCases(other.session.db).map((r) => JSON.stringify(r))).toEqual(lines);
      await expect(importCases(other.session.db, other.session.user, lines.join('\n'), other.now())).rejects.toThrow(/already exists/);
    } finally {
      other.cleanup();
    }
  });
});
