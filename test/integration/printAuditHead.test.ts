import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/backend';
import { createCase } from '../../electron/backend/services/cases';
import { createTestVault, gamblingIntake, type TestVault } from '../helpers/vault';

/** Point 5 of the vault-keys issue: the print data gives the audit head that a case summary's footer carries. */
let vault: TestVault;
let backend: Backend | undefined;
afterEach(() => {
  backend?.context.session?.close();
  backend = undefined;
  vault.cleanup();
});

function openBackend(): Backend {
  const b = createBackend({ dataDir: dirname(vault.dir), transport: 'harness', version: 'test', now: vault.now, log: () => undefined, kdf: 'fast-insecure-for-tests' });
  b.context.session = vault.session;
  backend = b;
  return b;
}

describe('print.auditHead', () => {
  it("is the vault's last audit event: its number, its hash and the short form printed in the footer", async () => {
    vault = await createTestVault();
    createCase(vault.session.db, vault.session.user, gamblingIntake('printed'), vault.now());
    const last = vault.session.db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    const b = openBackend();
    expect(await b.invoke('print.auditHead', {})).toEqual({ ok: true, value: { events: last.seq, hash: last.hash, short: `audit ${last.seq}:${last.hash.slice(0, 12)}` } });
    // A later event moves the head.
    createCase(vault.session.db, vault.session.user, gamblingIntake('later'), vault.now());
    const moved = await b.invoke('print.auditHead', {});
    expect(moved).toMatchObject({ ok: true, value: { events: last.seq + 1 } });
  });

  it('refuses unexpected input and a locked vault, changing nothing', async () => {
    vault = await createTestVault();
    const b = openBackend();
    const before = vault.session.db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number };
    expect(await b.invoke('print.auditHead', { caseId: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((vault.session.db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n).toBe(before.n);
    b.context.session = null;
    expect(await b.invoke('print.auditHead', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
  });
});
