import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract';
import type { CaseRecord } from '../../shared/model/caseRecord';
import type { RetentionRule } from '../../shared/model/retention';
import { readCaseRecord, insertCaseRecord } from '../../electron/backend/services/caseStore';
import { createCase, exportCases, listCases, listSubjectReveals, revealSubject } from '../../electron/backend/services/cases';
import { dispositionCertificate, dispositionsDue, disposeCase, legalHoldOf, listRules, setLegalHold, setRules, type RecordsActor } from '../../electron/backend/services/retention';
import { verifyAudit } from '../../electron/backend/vault/audit';
import { parseRecoveryKey } from '../../electron/backend/vault/vault';
import { filesContaining } from '../helpers/sqlcipherPages';
import { createTestVault, gamblingIntake, type TestVault } from '../helpers/vault';

let vault: TestVault;
afterEach(() => vault.cleanup());

const manager: RecordsActor = { name: 'Dana Whitfield', role: 'program_manager' };
const analyst: RecordsActor = { name: 'Alex Analyst', role: 'analyst' };
const counsel: RecordsActor = { name: 'Lee Counsel', role: 'legal' };
const closedRule: RetentionRule = { status: 'closed', program: 'any', years: 5, measuredFrom: 'closure', authority: 'Records schedule 5.6, item 230' };

/**
 * A case with something in every part of the record, each carrying the marker:
 * subject, report, indicators (and their history), analysis, checklist,
 * assessment, determination, strategy, action, obligation, reporting record,
 * review, evidence (metadata and content) and custody.
 */
function richCase(marker: string, closedAt: string | null): { record: CaseRecord; content: Map<string, Buffer> } {
  const { id } = createCase(vault.session.db, vault.session.user, gamblingIntake(`${marker} narrative`), vault.now());
  const base = exportCases(vault.session.db, [id])[0];
  if (base === undefined) throw new Error('case not created');
  vault.session.db.transaction(() => {
    // Re-insert the whole record with every array filled, under the same id.
    vault.session.db.prepare('DELETE FROM indicator_history').run();
    for (const t of ['case_members', 'reports', 'indicators']) vault.session.db.prepare(`DELETE FROM ${t} WHERE case_id = ?`).run(id);
    const subject = vault.session.db.prepare('SELECT subject_id FROM cases WHERE id = ?').get(id) as { subject_id: string };
    vault.session.db.prepare('DELETE FROM cases WHERE id = ?').run(id);
    vault.session.db.prepare('DELETE FROM subjects WHERE id = ?').run(subject.subject_id);
  })();
  const at = vault.now().toISOString();
  const evidenceId = `ev-${marker}`;
  const record: CaseRecord = {
    ...base,
    case: { ...base.case, status: closedAt === null ? 'open' : 'closed', closedAt, closureReason: closedAt === null ? null : `${marker} closed`, members: ['Dana Whitfield', 'Alex Analyst'] },
    subject: { ...base.subject, realName: `${marker}name Person`, position: `${marker} position` },
    indicators: base.indicators.map((i) => ({ ...i, detail: `${marker} detail` })),
    analysis: [{ id: `an-${marker}`, kind: 'question', text: `${marker} question`, questionKind: 'definitive', answer: `${marker} answer`, sources: '', status: 'answered', justified: true, impact: '', discipline: 'hr', createdBy: 'Dana Whitfield', createdAt: at, updatedAt: at }],
    checklist: [{ itemId: 'baseline', addressed: true, note: `${marker} note` }],
    assessments: [{ id: `as-${marker}`, interest: `${marker} interest`, motive: '', ability: '', imminence: 'low', risk: 'moderate', rationale: `${marker} rationale`, leCriteria: [], isFinal: true, assessedBy: 'Dana Whitfield', assessedAt: at }],
    determinations: [{ factId: 'adverse_information', value: 'yes', note: `${marker} determination` }],
    strategies: [{ id: `st-${marker}`, title: `${marker} strategy` }],
    actions: [{ id: `ac-${marker}`, strategyId: `st-${marker}`, optionId: 'financial_counseling_referral', ownerDiscipline: 'hr', ownerPerson: `${marker} owner`, status: 'done', dueOn: null, notes: `${marker} notes`, legalSignoffBy: null, legalSignoffAt: null, warningJustification: '' }],
    obligations: [{ recipient: 'internal', basis: `${marker} basis`, citation: 'internal', timing: 'per_internal_procedures' }],
    reportingRecords: [{ id: `rr-${marker}`, recipient: 'internal', outcome: 'reported', reportedOn: '2019-01-10', method: 'memo', reference: `${marker} ref`, reportedBy: 'Dana', justification: '', recordedBy: 'Dana Whitfield', recordedAt: at }],
    reviews: [{ id: `rv-${marker}`, heldOn: '2019-02-01', whatChanged: `${marker} changed`, effectiveness: { x: `${marker} effect` }, newIndicators: '', coordination: '', nextReview: null, reviewedBy: 'Dana Whitfield' }],
    evidence: [{ id: evidenceId, name: `${marker}.txt`, mediaType: 'text/plain', size: 40, sha256: '0'.repeat(64), receivedOn: '2019-01-05', source: `${marker} source` }],
    custody: [{ at, actor: 'Dana Whitfield', action: 'received', evidenceId, detail: { note: `${marker} custody` } }],
  };
  const content = new Map([[evidenceId, Buffer.from(`evidence body ${marker} `.repeat(200))]]);
  vault.session.db.transaction(() => {
    insertCaseRecord(vault.session.db, record, content);
    const indicator = record.indicators[0];
    if (indicator !== undefined) {
      vault.session.db.prepare('INSERT INTO indicator_history (indicator_id, version, changed_at, changed_by, snapshot) VALUES (?, 1, ?, ?, ?)').run(indicator.id, at, 'Dana Whitfield', JSON.stringify({ summary: `${marker} old` }));
    }
  })();
  return { record, content };
}

async function refusal(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('retention, legal hold and disposition', () => {
  it('lists cases whose retention ran out, flags holds, and lets only a manager set rules', async () => {
    vault = await createTestVault();
    const { db } = vault.session;
    expect((await refusal(() => setRules(db, analyst, [closedRule], vault.now()))).code).toBe('forbidden');
    await expect(setRules(db, manager, [closedRule, { ...closedRule, years: 7 }], vault.now())).rejects.toThrow(/two rules for closed cases of program any/);
    await expect(setRules(db, manager, [{ ...closedRule, status: 'open' }], vault.now())).rejects.toThrow(/only a rule for closed cases/);
    const rules = await setRules(db, manager, [closedRule, { status: 'closed', program: 'industry', years: 3, measuredFrom: 'closure', authority: 'Contract clause 7' }], vault.now());
    expect(rules.map((r) => `${r.status}/${r.program}/${r.years}`)).toEqual(['closed/any/5', 'closed/industry/3']);
    expect(await listRules(db)).toEqual(rules);

    const old = richCase('Qxoldcase', '2019-03-01T12:00:00Z');
    const held = richCase('Qxheldcase', '2020-06-30T12:00:00Z');
    richCase('Qxrecentcase', '2024-01-15T12:00:00Z');
    richCase('Qxopencase', null);
    await setLegalHold(db, counsel, held.record.case.id, true, 'Matter 2026-CV-113', vault.now());

    const due = await dispositionsDue(db, '2026-11-20');
    expect(due.map((d) => [d.number, d.startedOn, d.dueOn, d.legalHold])).toEqual([
      [old.record.case.number, '2019-03-01', '2024-03-01', false],
      [held.record.case.number, '2020-06-30', '2025-06-30', true],
    ]);
    expect(due[0]?.rule).toMatchObject({ status: 'closed', program: 'any', years: 5, authority: 'Records schedule 5.6, item 230' });
    expect(await dispositionsDue(db, '2024-02-29')).toEqual([]);
    const actions = (db.prepare("SELECT action FROM audit_events WHERE action LIKE 'retention.%' OR action = 'case.legal_hold' ORDER BY seq").all() as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['retention.set_rules', 'case.legal_hold']);
  });

  it('purges every trace of a disposed case from every file of the vault, keeps the audit entry, and blocks held cases', async () => {
    vault = await createTestVault();
    const { db } = vault.session;
    const key = parseRecoveryKey(vault.recoveryKey);
    await setRules(db, manager, [closedRule], vault.now());
    const gone = richCase('Qxpurgemarker', '2019-03-01T12:00:00Z');
    const kept = richCase('Qxkeptmarker', '2019-03-01T12:00:00Z');
    const id = gone.record.case.id;
    const number = gone.record.case.number;
    // A reveal's reason is the analyst's own words: kept with the case, not in the audit log.
    revealSubject(vault.session, id, 'Qxpurgemarker briefing for the director', vault.now());
    expect(listSubjectReveals(db, id).map((r) => r.reason)).toEqual(['Qxpurgemarker briefing for the director']);
    const reveal = db.prepare("SELECT detail FROM audit_events WHERE action = 'case.reveal_subject' AND case_id = ?").get(id) as { detail: string };
    expect(reveal.detail).not.toContain('Qxpurgemarker');
    // Routine rewrites of the case's search rows leave their old versions in
    // older index segments, as in any large vault between merges (automerge is
    // off; merges run when idle); disposition must erase those too. Each
    // version's word shares no prefix with its neighbours.
    const versions = ['Jxqowztv', 'Kxvurbnq', 'Mxpyelgd'];
    for (const word of versions) db.prepare('UPDATE cases SET title = ? WHERE id = ?').run(`Qxpurgemarker title ${word}`, id);
    expect((await listCases(db, { query: 'Mxpyelgd' })).total).toBe(1);
    expect((await listCases(db, { query: 'Jxqowztv' })).total).toBe(0);
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (const word of versions) expect(filesContaining(vault.dir, key, word), word).not.toEqual([]);
    // The scanner finds the text while the case exists (in the database pages, decrypted).
    expect(filesContaining(vault.dir, key, 'Qxpurgemarker').length).toBeGreaterThan(0);

    expect((await refusal(() => disposeCase(db, analyst, id, number, 'Retention period over under schedule 5.6', vault.now()))).code).toBe('forbidden');
    expect((await refusal(() => disposeCase(db, manager, id, 'OR-2026-9999', 'Retention period over under schedule 5.6', vault.now()))).message).toMatch(/does not match .*Nothing was deleted/);
    await setLegalHold(db, manager, id, true, 'Matter 7', vault.now());
    expect(await legalHoldOf(db, id)).toMatchObject({ legalHold: true, reference: 'Matter 7', placedBy: 'Dana Whitfield' });
    const blocked = await refusal(() => disposeCase(db, manager, id, number, 'Retention period over under schedule 5.6', vault.now()));
    expect(blocked.code).toBe('conflict');
    expect(blocked.message).toMatch(/legal hold/);
    expect((await refusal(() => setLegalHold(db, analyst, id, false, '', vault.now()))).code).toBe('forbidden');
    await setLegalHold(db, counsel, id, false, '', vault.now());
    const notDue = await refusal(() => disposeCase(db, manager, id, number, 'Retention period over under schedule 5.6', new Date('2023-01-01T00:00:00Z')));
    expect(notDue.message).toMatch(/must be kept until 2024-03-01/);
    expect(readCaseRecord(db, id)).not.toBeNull();

    // No reason: nothing is deleted.
    expect((await refusal(() => disposeCase(db, manager, id, number, '  short ', vault.now()))).message).toMatch(/Reason: write at least 10 characters.*Nothing was deleted/);
    expect(readCaseRecord(db, id)).not.toBeNull();
    const { certificate, checkpointed } = await disposeCase(db, manager, id, number.toLowerCase(), 'Retention period over under schedule 5.6', vault.now());
    expect(checkpointed).toBe(true);
    expect(certificate).toMatchObject({
      caseId: id,
      caseNumber: number,
      program: 'dod',
      status: 'closed',
      closedOn: '2019-03-01',
      retentionStartedOn: '2019-03-01',
      dueOn: '2024-03-01',
      disposedAt: vault.now().toISOString(),
      rule: { status: 'closed', program: 'any', years: 5, measuredFrom: 'closure', authority: 'Records schedule 5.6, item 230' },
      approvedBy: 'Dana Whitfield',
      reason: 'Retention period over under schedule 5.6',
      auditChainVerified: true,
    });
    expect(await dispositionCertificate(db, id)).toEqual(certificate);

    expect(readCaseRecord(db, id)).toBeNull();
    expect(listSubjectReveals(db, id)).toEqual([]);
    expect((await listCases(db, { query: 'Qxpurgemarker' })).total).toBe(0);
    expect((await listCases(db, { query: 'Qxkeptmarker' })).total).toBe(1);
    expect(verifyAudit(db)).toMatchObject({ ok: true, firstBroken: null });
    const event = db.prepare("SELECT seq, hash, detail FROM audit_events WHERE action = 'retention.dispose'").get() as { seq: number; hash: string; detail: string };
    expect(certificate.audit).toMatchObject({ seq: event.seq, hash: event.hash });
    expect(JSON.parse(event.detail)).toMatchObject({ number, approvedBy: 'Dana Whitfield', years: 5, reason: 'Retention period over under schedule 5.6' });
    // Earlier audit events of the case survive (ids and counts only).
    expect((db.prepare('SELECT count(*) AS n FROM audit_events WHERE case_id = ?').get(id) as { n: number }).n).toBeGreaterThan(2);

    expect(statSync(join(vault.dir, 'offramp.db-wal')).size).toBe(0);
    expect(filesContaining(vault.dir, key, 'Qxpurgemarker')).toEqual([]);
    for (const word of versions) expect(filesContaining(vault.dir, key, word), word).toEqual([]);
    expect(filesContaining(vault.dir, key, 'Qxkeptmarker').length).toBeGreaterThan(0);
    expect(readCaseRecord(db, kept.record.case.id)?.evidence).toHaveLength(1);
    expect((await dispositionsDue(db, '2026-11-20')).map((d) => d.number)).toEqual([kept.record.case.number]);
  });

  it('keeps a case no rule covers, and refuses a certificate for a case never disposed of', async () => {
    vault = await createTestVault();
    const { db } = vault.session;
    const { record } = richCase('Qxnorule', '2001-01-01T00:00:00Z');
    expect(await dispositionsDue(db, '2026-11-20')).toEqual([]);
    expect((await refusal(() => disposeCase(db, manager, record.case.id, record.case.number, 'Retention period over under schedule 5.6', vault.now()))).message).toMatch(/No retention rule applies/);
    expect((await refusal(() => dispositionCertificate(db, record.case.id))).code).toBe('not_found');
    expect((await refusal(() => disposeCase(db, manager, 'no-such-case', 'x', 'Retention period over under schedule 5.6', vault.now()))).code).toBe('not_found');
  });
});
