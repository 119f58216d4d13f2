import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase } from '../../electron/backend/services/cases';
import { eventHash, verifyAudit } from '../../electron/backend/vault/audit';
import { openWithRecoveryKey, unlockVault } from '../../electron/backend/vault/vault';
import { cliWorkspace, expectFailure, type CliWorkspace } from '../helpers/cliVault';
import { gamblingIntake, TEST_PASSPHRASE } from '../helpers/vault';

let ws: CliWorkspace;
let vault: { dir: string; keyFile: string };
beforeEach(async () => {
  ws = cliWorkspace();
  vault = await ws.init();
  const session = await unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, { now: () => new Date('2026-11-20T10:00:00Z') });
  try {
    for (const marker of ['one', 'two', 'three']) createCase(session.db, session.user, gamblingIntake(marker), new Date('2026-11-20T10:00:00Z'));
  } finally {
    session.close();
  }
});
afterEach(() => ws.cleanup());

/** Opens the database with the recovery key, as someone holding the key could. */
function withKey<T>(work: (db: ReturnType<typeof openWithRecoveryKey>) => T): T {
  const db = openWithRecoveryKey(vault.dir, readFileSync(vault.keyFile, 'utf8'));
  try {
    return work(db);
  } finally {
    db.close();
  }
}

const auditVerify = (...extra: string[]) => ws.run(['audit', 'verify', '--vault', vault.dir, '--passphrase-file', ws.passFile, ...extra]);

describe('a whole audit log', () => {
  it('verifies, and offramp audit verify says so and records it', async () => {
    expect(withKey((db) => verifyAudit(db))).toMatchObject({ ok: true, firstBroken: null });
    const run = await auditVerify();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^The audit log is whole: \d+ events/);
    const json = await auditVerify('--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, firstBroken: null });
    expect(withKey((db) => db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'audit.verify'").get())).toEqual({ n: 2 });
  });
});

describe('a tampered audit log', () => {
  it('an altered row is caught by verifyAudit and by offramp audit verify (exit 4, naming the event)', async () => {
    const seq = withKey((db) => {
      const row = db.prepare("SELECT seq FROM audit_events WHERE action = 'case.create' ORDER BY seq LIMIT 1 OFFSET 1").get() as { seq: number };
      // The triggers refuse the change; someone with the key and a SQLite shell drops them first.
      expect(() => db.prepare('UPDATE audit_events SET detail = ? WHERE seq = ?').run('{}', row.seq)).toThrow('append-only');
      db.exec('DROP TRIGGER audit_no_update');
      db.prepare('UPDATE audit_events SET detail = ? WHERE seq = ?').run('{"number":"OR-2026-0099","program":"dod","indicators":0}', row.seq);
      return row.seq;
    });
    expect(withKey((db) => verifyAudit(db))).toMatchObject({ ok: false, firstBroken: { seq, reason: 'its content does not match its hash (it was altered)' } });

    const run = await auditVerify();
    expectFailure(run, 4, `The audit log is broken at event ${seq}: its content does not match its hash (it was altered).`);
    const json = await auditVerify('--json');
    expect(json.code).toBe(4);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBroken: { seq } });
    const check = await ws.run(['vault', 'check', '--vault', vault.dir, '--passphrase-file', ws.passFile]);
    expectFailure(check, 4, `the audit log is broken at event ${seq}`);
    expect(check.stdout).toMatch(/audit log {2}FAILED/);
  });

  it('a deleted middle row is caught, naming the gap', async () => {
    const seq = withKey((db) => {
      const row = db.prepare("SELECT seq FROM audit_events WHERE action = 'case.create' ORDER BY seq LIMIT 1 OFFSET 1").get() as { seq: number };
      db.exec('DROP TRIGGER audit_no_delete');
      db.prepare('DELETE FROM audit_events WHERE seq = ?').run(row.seq);
      return row.seq;
    });
    expect(withKey((db) => verifyAudit(db))).toMatchObject({ ok: false, firstBroken: { seq: seq + 1, reason: `event ${seq} is missing (the next one is ${seq + 1})` } });
    expectFailure(await auditVerify(), 4, `The audit log is broken at event ${seq + 1}: event ${seq} is missing`);
  });

  it('a row whose hash was recomputed is still caught at the next link', async () => {
    const seq = withKey((db) => {
      const row = db.prepare("SELECT seq, at, actor, action, case_id, prev_hash FROM audit_events WHERE action = 'case.create' ORDER BY seq LIMIT 1").get() as {
        seq: number;
        at: string;
        actor: string;
        action: string;
        case_id: string | null;
        prev_hash: string;
      };
      db.exec('DROP TRIGGER audit_no_update');
      const detail = '{}';
      const hash = eventHash(row.prev_hash, { seq: row.seq, at: row.at, actor: row.actor, action: row.action, caseId: row.case_id, detail });
      db.prepare('UPDATE audit_events SET detail = ?, hash = ? WHERE seq = ?').run(detail, hash, row.seq);
      return row.seq;
    });
    expectFailure(await auditVerify(), 4, `The audit log is broken at event ${seq + 1}: it does not point to the hash of the event before it.`);
  });
});
