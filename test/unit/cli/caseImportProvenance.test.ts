import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../../electron/backend/cli/exitCodes';
import { listAudit } from '../../../electron/backend/vault/audit';
import { createCase } from '../../../electron/backend/services/cases';
import { openWithRecoveryKey, unlockVault } from '../../../electron/backend/vault/vault';
import { caseRecordSchema, type CaseRecord } from '../../../shared/model/caseRecord';
import { cliWorkspace, expectFailure, ANALYST_PASSPHRASE, type CliWorkspace } from '../../helpers/cliVault';
import { gamblingIntake, TEST_PASSPHRASE } from '../../helpers/vault';

let ws: CliWorkspace;
beforeEach(() => {
  ws = cliWorkspace();
});
afterEach(() => ws.cleanup());


/** One exported case line from a fresh vault. */
async function exportedCase(): Promise<CaseRecord> {
  const src = await ws.init('source');
  const session = await unlockVault(src.dir, 'Dana Whitfield', TEST_PASSPHRASE, { now: () => new Date('2026-11-20T10:00:00Z') });
  try {
    createCase(session.db, session.user, gamblingIntake('crafted'), new Date('2026-11-20T10:00:00Z'));
  } finally {
    session.close();
  }
  const exported = await ws.run(['case', 'export', '--vault', src.dir, '--passphrase-file', ws.passFile]);
  expect(exported.code, exported.stderr).toBe(0);
  return caseRecordSchema.parse(JSON.parse(exported.stdout.trim().split('\n')[0] ?? ''));
}

function withRecovery<T>(dir: string, keyFile: string, read: (db: ReturnType<typeof openWithRecoveryKey>) => T): T {
  const db = openWithRecoveryKey(dir, readFileSync(keyFile, 'utf8'));
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('offramp case import: the importer, not the file, sets provenance, authorship and workflow', () => {
  it('a crafted closed, packet-linked case by someone else arrives open, created by and assigned to the importer, with a note of its origin', async () => {
    const record = await exportedCase();
    const crafted: CaseRecord = {
      ...record,
      case: {
        ...record.case,
        status: 'closed',
        closedAt: '2026-11-10T10:00:00.000Z',
        closureReason: 'No further concern',
        sourcePacketId: 'pkt-that-will-arrive-later',
        createdBy: 'Mallory Forger',
        assignedTo: 'Mallory Forger',
        members: ['Mallory Forger', 'Someone Else'],
        legalHold: true,
      },
    };
    const target = await ws.init('target');
    ws.file('crafted.jsonl', `${JSON.stringify(crafted)}\n`);
    const run = await ws.run(['case', 'import', '--vault', target.dir, '--passphrase-file', ws.passFile, 'crafted.jsonl']);
    expect(run.code, run.stderr).toBe(0);
    withRecovery(target.dir, target.keyFile, (db) => {
      const row = db.prepare('SELECT status, closed_at, closure_reason, source_packet_id, created_by, assigned_to, legal_hold FROM cases WHERE id = ?').get(record.case.id);
      expect(row).toEqual({ status: 'open', closed_at: null, closure_reason: null, source_packet_id: null, created_by: 'Dana Whitfield', assigned_to: 'Dana Whitfield', legal_hold: 0 });
      const members = (db.prepare('SELECT user_name FROM case_members WHERE case_id = ?').all(record.case.id) as { user_name: string }[]).map((m) => m.user_name);
      // The importer leads the case (assigned_to); the file's team is not taken over.
      expect(members).toEqual([]);
      const event = listAudit(db, { caseId: record.case.id, limit: 5 }).find((e) => e.action === 'case.import');
      expect(event?.actor).toBe('Dana Whitfield');
      expect(event?.detail).toMatchObject({ from: 'crafted.jsonl', line: 1, statedAuthor: 'Mallory Forger', statedStatus: 'closed' });
    });
  });

  it('an item id already in the vault is a conflict naming the line, never the database message; nothing is imported', async () => {
    const record = await exportedCase();
    const target = await ws.init('target');
    // Line 2 is another case whose report reuses line 1's report id.
    const second: CaseRecord = {
      ...record,
      case: { ...record.case, id: 'other-case-id', number: 'OR-2026-0999' },
      subject: { ...record.subject, displayId: 'S-OTHR1' },
      indicators: record.indicators.map((i) => ({ ...i, id: `x-${i.id}` })),
    };
    ws.file('clash.jsonl', `${JSON.stringify(record)}\n${JSON.stringify(second)}\n`);
    const run = await ws.run(['case', 'import', '--vault', target.dir, '--passphrase-file', ws.passFile, 'clash.jsonl']);
    expectFailure(run, 2, 'clash.jsonl, line 2: case OR-2026-0999: a report id is already in this vault (or earlier in the file); nothing was imported.');
    expect(run.stderr).not.toMatch(/constraint|UNIQUE|SQLITE|INSERT/i);
    expect(withRecovery(target.dir, target.keyFile, (db) => (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n)).toBe(0);
  });

  it('is for program managers only: an analyst is refused (not permitted), nothing is imported, the attempt is audited', async () => {
    const record = await exportedCase();
    const target = await ws.init('target');
    ws.file('ana.txt', `${ANALYST_PASSPHRASE}\n`);
    const added = await ws.run(['vault', 'add-user', '--vault', target.dir, '--passphrase-file', ws.passFile, '--new-user', 'Ana Lyst', '--new-role', 'analyst', '--new-passphrase-file', 'ana.txt']);
    expect(added.code, added.stderr).toBe(0);
    ws.file('one.jsonl', `${JSON.stringify(record)}\n`);
    const run = await ws.run(['case', 'import', '--vault', target.dir, '--user', 'Ana Lyst', '--passphrase-file', 'ana.txt', 'one.jsonl']);
    // Not permitted: exit 5, in the permission map's words.
    expectFailure(run, exitCodeFor('forbidden'), 'You may not import cases.');
    expect(withRecovery(target.dir, target.keyFile, (db) => (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n)).toBe(0);
    const refused = withRecovery(target.dir, target.keyFile, (db) => listAudit(db, { limit: 20 }).find((e) => e.action === 'access.denied'));
    expect(refused).toMatchObject({ actor: 'Ana Lyst', detail: { operation: 'case.import' } });
  });
});
