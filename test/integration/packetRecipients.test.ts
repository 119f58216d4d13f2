import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/backend';
import { listAudit } from '../../electron/backend/vault/audit';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { auditEventLabel } from '../../shared/labels';
import { ageKeys } from '../helpers/packets';
import { TEST_PASSPHRASE } from '../helpers/vault';

/**
 * The address book of packet recipients through the dispatcher on a real
 * encrypted vault: only a program manager changes it, a bad key is refused with
 * a message naming the problem and changes nothing, every change is audited.
 */

const PM = 'Dana Whitfield';
const ANALYST = 'Ana Ruiz';

let dataDir: string;
let backend: Backend;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'offramp-recipients-'));
  backend = createBackend({ dataDir, transport: 'harness', version: '0.1.0', kdf: 'fast-insecure-for-tests', log: () => undefined, now: () => new Date('2026-11-20T10:00:00Z') });
  await call('vault.create', { userName: PM, role: 'program_manager', passphrase: TEST_PASSPHRASE });
  await call('users.add', { name: ANALYST, role: 'analyst', passphrase: TEST_PASSPHRASE });
});
afterEach(() => {
  backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await backend.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as MethodOutput<M>;
}
async function failure(method: MethodName, input: unknown): Promise<{ code: string; message: string }> {
  const result = await backend.invoke(method, input);
  if (result.ok) throw new Error(`${method} should have failed`);
  return result.error;
}
const as = (userName: string) => call('vault.unlock', { userName, passphrase: TEST_PASSPHRASE });
const actions = () => listAudit(backend.context.requireSession().db, { limit: 500 }).map((e) => e.action);

describe('the address book of packet recipients', () => {
  it('a program manager adds, changes and removes recipients, each audited with the key’s fingerprint', async () => {
    const first = await ageKeys(dataDir, 'first.txt');
    const second = await ageKeys(dataDir, 'second.txt');
    const added = await call('packets.saveRecipient', { name: ' Duty agent ', agency: 'FBI Field Office', ageKey: ` ${first.recipient} ` });
    expect(added).toMatchObject({ name: 'Duty agent', agency: 'FBI Field Office', ageKey: first.recipient, updatedBy: PM });
    expect(added.fingerprint).toBe(createHash('sha256').update(first.recipient).digest('hex'));

    const changed = await call('packets.saveRecipient', { id: added.id, name: 'Duty agent', agency: 'FBI Field Office', ageKey: second.recipient });
    expect(changed.fingerprint).toBe(createHash('sha256').update(second.recipient).digest('hex'));
    expect(await call('packets.recipients', {})).toEqual([changed]);

    // Two entries may not hold the same key.
    const twice = await failure('packets.saveRecipient', { name: 'Other', agency: 'DCSA', ageKey: second.recipient });
    expect(twice).toMatchObject({ code: 'conflict', message: expect.stringContaining('already in the address book for Duty agent') as unknown });

    await call('packets.removeRecipient', { id: added.id });
    expect(await call('packets.recipients', {})).toEqual([]);
    expect((await failure('packets.removeRecipient', { id: added.id })).code).toBe('not_found');
    expect(actions().filter((a) => a.startsWith('packet.recipient_'))).toEqual(expect.arrayContaining(['packet.recipient_add', 'packet.recipient_change', 'packet.recipient_remove']));
    // In words on the audit tab, not as codes.
    expect(['packet.recipient_add', 'packet.recipient_change', 'packet.recipient_remove'].map((a) => auditEventLabel(a))).toEqual(['Added a packet recipient', 'Changed a packet recipient', 'Removed a packet recipient']);
  });

  it('refuses a bad age key with a message naming the problem, and changes nothing', async () => {
    for (const ageKey of ['', 'age1short', `age1${'b'.repeat(58)}`, `AGE1${'q'.repeat(58)}`, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO']) {
      const refused = await failure('packets.saveRecipient', { name: 'Duty agent', agency: 'FBI', ageKey });
      expect(refused.code, ageKey).toBe('invalid_input');
      expect(refused.message, ageKey).toMatch(/age public key/);
    }
    expect((await failure('packets.saveRecipient', { name: '  ', agency: 'FBI', ageKey: (await ageKeys(dataDir)).recipient })).message).toMatch(/recipient’s name/);
    expect(await call('packets.recipients', {})).toEqual([]);
    expect(actions().some((a) => a.startsWith('packet.recipient_'))).toBe(false);
  });

  it('another role reads the address book (to choose a recipient) but may not change it; the refusal is audited', async () => {
    const keys = await ageKeys(dataDir);
    const entry = await call('packets.saveRecipient', { name: 'Duty agent', agency: 'FBI', ageKey: keys.recipient });
    await as(ANALYST);
    expect(await call('packets.recipients', {})).toEqual([entry]);
    for (const [method, input] of [
      ['packets.saveRecipient', { name: 'Mallory', agency: 'Elsewhere', ageKey: (await ageKeys(dataDir, 'm.txt')).recipient }],
      ['packets.saveRecipient', { id: entry.id, name: 'Duty agent', agency: 'FBI', ageKey: (await ageKeys(dataDir, 'n.txt')).recipient }],
      ['packets.removeRecipient', { id: entry.id }],
    ] as const) {
      const refused = await failure(method, input);
      expect(refused.code, method).toBe('forbidden');
      expect(refused.message).toMatch(/Only a program manager/);
    }
    expect(await call('packets.recipients', {})).toEqual([entry]);
    expect(actions().filter((a) => a === 'access.denied')).toHaveLength(3);
  });
});
