import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase } from '../../electron/backend/services/cases';
import { anchorSignatureValid, parseAnchor, signAnchor } from '../../electron/backend/vault/anchor';
import { hubPublicKey } from '../../electron/backend/packets/signing';
import { otherSigningKey } from '../helpers/hostilePackets';
import { eventHash, GENESIS_HASH } from '../../electron/backend/vault/audit';
import type { Db } from '../../electron/backend/vault/database';
import { openWithRecoveryKey, unlockVault } from '../../electron/backend/vault/vault';
import { cliWorkspace, expectFailure, type CliWorkspace } from '../helpers/cliVault';
import { gamblingIntake, TEST_PASSPHRASE } from '../helpers/vault';

/**
 * Audit anchors and the incremental verification, tried as a holder of the
 * database key would: open the vault with the key (the recovery key here),
 * drop the append-only triggers, delete or rewrite events, re-chain the rest.
 */
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

const verify = (...extra: string[]) => ws.run(['audit', 'verify', '--vault', vault.dir, '--passphrase-file', ws.passFile, ...extra]);

function withKey<T>(work: (db: Db) => T): T {
  const db = openWithRecoveryKey(vault.dir, readFileSync(vault.keyFile, 'utf8'));
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
    return work(db);
  } finally {
    db.close();
  }
}

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  case_id: string | null;
  detail: string;
}

/** Recomputes every hash from `fromSeq` on, so the chain is whole again. */
function rechain(db: Db, fromSeq = 1): void {
  const rows = db.prepare('SELECT seq, at, actor, action, case_id, detail FROM audit_events ORDER BY seq').all() as Row[];
  let prev = GENESIS_HASH;
  const update = db.prepare('UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?');
  for (const r of rows) {
    if (r.seq >= fromSeq) {
      const hash = eventHash(prev, { seq: r.seq, at: r.at, actor: r.actor, action: r.action, caseId: r.case_id, detail: r.detail });
      update.run(prev, hash, r.seq);
      prev = hash;
    } else {
      prev = (db.prepare('SELECT hash FROM audit_events WHERE seq = ?').get(r.seq) as { hash: string }).hash;
    }
  }
}

async function anchorNow(name = 'anchor.json'): Promise<{ path: string; events: number }> {
  const run = await ws.run(['audit', 'anchor', '--vault', vault.dir, '--passphrase-file', ws.passFile, '--out', name]);
  expect(run.code, run.stderr).toBe(0);
  const path = join(ws.root, name);
  const anchor = parseAnchor(readFileSync(path, 'utf8'), name);
  expect(anchorSignatureValid(anchor)).toBe(true);
  return { path, events: anchor.events };
}

describe('offramp audit anchor and verify --anchor', () => {
  it('writes a signed anchor the log extends; refuses to overwrite a file', async () => {
    const { events } = await anchorNow();
    expect(events).toBeGreaterThan(5);
    const anchor = JSON.parse(readFileSync(join(ws.root, 'anchor.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(anchor).sort()).toEqual(['at', 'events', 'format', 'headHash', 'madeBy', 'signature', 'signer', 'vaultId', 'version']);
    const ok = await verify('--anchor', 'anchor.json');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('It extends the anchor');
    expectFailure(await ws.run(['audit', 'anchor', '--vault', vault.dir, '--passphrase-file', ws.passFile, '--out', 'anchor.json']), 2, 'already exists');
  });

  it('events deleted from the end (and the mark removed): the chain looks whole, the anchor finds it (exit 4)', async () => {
    const { events } = await anchorNow();
    withKey((db) => {
      db.prepare('DELETE FROM audit_events WHERE seq > ?').run(events - 3);
      db.prepare("DELETE FROM settings WHERE key = 'audit_verified_mark'").run();
    });
    // The anchor is checked first: every later command appends events (its unlock, its record).
    expectFailure(await verify('--anchor', 'anchor.json'), 4, 'does not extend the anchor', 'fewer than the');
    expect((await verify('--full')).code).toBe(0);
  });

  it('an event rewritten and the rest re-chained: --full finds nothing, the anchor does (exit 4)', async () => {
    const { events } = await anchorNow();
    withKey((db) => {
      db.prepare("UPDATE audit_events SET actor = 'Nobody' WHERE seq = 2").run();
      rechain(db, 2);
      db.prepare("DELETE FROM settings WHERE key = 'audit_verified_mark'").run();
    });
    expect((await verify('--full')).code).toBe(0);
    expectFailure(await verify('--anchor', 'anchor.json'), 4, `event ${events} has another hash`);
  });

  it('an altered anchor file fails its signature (exit 4); a device or non-anchor file is refused (exit 2)', async () => {
    const { path } = await anchorNow();
    const anchor = JSON.parse(readFileSync(path, 'utf8')) as { events: number };
    ws.file('forged.json', JSON.stringify({ ...anchor, events: anchor.events - 1 }));
    expectFailure(await verify('--anchor', 'forged.json'), 4, 'signature does not verify');
    expectFailure(await verify('--anchor', '/dev/zero'), 2, '/dev/zero', 'not a regular file');
    ws.file('notes.json', '{"hello": 1}');
    expectFailure(await verify('--anchor', 'notes.json'), 2, 'is not an audit anchor');
  });
});

describe('who signs an anchor', () => {
  it('is the maker’s own key, which the signed grants name; an anchor re-signed by a key of a database-key holder’s own is refused (exit 4)', async () => {
    const { path } = await anchorNow();
    const anchor = parseAnchor(readFileSync(path, 'utf8'), 'anchor.json');
    const grantKeys = withKey((db) => db.prepare("SELECT user_key FROM role_grants WHERE user_name = 'Dana Whitfield'").pluck().all() as string[]);
    expect(grantKeys.map((k) => createHash('sha256').update(Buffer.from(k, 'base64')).digest('hex'))).toContain(anchor.signer.fingerprint);
    expect(anchor.signer.fingerprint).not.toBe(withKey((db) => hubPublicKey(db).fingerprint));
    // A holder of the database key writes a consistent anchor of their own, signed by a key they made.
    const { signer: _s, signature: _sig, ...payload } = anchor;
    ws.file('own.json', JSON.stringify(signAnchor(otherSigningKey(), payload)));
    expectFailure(await verify('--anchor', 'own.json'), 4, 'no signed grant of this vault names');
  });
});

describe('offramp audit verify: incremental from a signed mark', () => {
  it('continues from the mark and walks only the new events; --full walks all', async () => {
    const first = await verify('--json');
    expect(first.code, first.stderr).toBe(0);
    const a = JSON.parse(first.stdout) as { from: number; walked: number; events: number };
    expect(a.from).toBe(0);
    const second = JSON.parse((await verify('--json')).stdout) as { from: number; walked: number; events: number };
    expect(second.from).toBe(a.events);
    // Since the first verification: its own record, the lock, the second unlock.
    expect(second.walked).toBeLessThan(5);
    const full = JSON.parse((await verify('--json', '--full')).stdout) as { from: number; walked: number; events: number };
    expect(full).toMatchObject({ from: 0, walked: full.events });
  });

  it('a rewrite before the mark, re-chained, is caught by the mark’s hash check (no --full needed)', async () => {
    expect((await verify()).code).toBe(0);
    withKey((db) => {
      db.prepare("UPDATE audit_events SET actor = 'Nobody' WHERE seq = 2").run();
      rechain(db, 2);
    });
    expectFailure(await verify(), 4, 'its hash changed since it was verified');
  });

  it('an event before the mark altered in place (not re-chained) is caught only by --full', async () => {
    expect((await verify()).code).toBe(0);
    withKey((db) => db.prepare("UPDATE audit_events SET actor = 'Nobody' WHERE seq = 2").run());
    // The mark's event keeps its hash, so the incremental walk does not look back that far.
    expect((await verify()).code).toBe(0);
    expectFailure(await verify('--full'), 4, 'broken at event 2', 'altered');
  });

  it('a forged mark (bad signature) is an integrity failure', async () => {
    expect((await verify()).code).toBe(0);
    withKey((db) => {
      const mark = JSON.parse((db.prepare("SELECT value FROM settings WHERE key = 'audit_verified_mark'").get() as { value: string }).value) as Record<string, unknown>;
      db.prepare("UPDATE settings SET value = ? WHERE key = 'audit_verified_mark'").run(JSON.stringify({ ...mark, seq: 1, hash: 'f'.repeat(64) }));
    });
    expectFailure(await verify(), 4, 'does not carry a valid signature');
  });
});
