import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/contract';
import { createBackend, type Backend } from '../../electron/backend/backend';
import { ANALYST_PASSPHRASE } from '../helpers/cliVault';
import { TEST_PASSPHRASE } from '../helpers/vault';

let dataDir: string;
let backend: Backend;
let clock: Date;
const logged: string[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'offramp-dispatch-vault-'));
  clock = new Date('2026-11-20T10:00:00Z');
  backend = createBackend({ dataDir, transport: 'harness', version: '0.0.0-test', kdf: 'fast-insecure-for-tests', now: () => clock, log: (line) => logged.push(line) });
});
afterEach(() => {
  backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const minutes = (n: number) => {
  clock = new Date(clock.getTime() + n * 60_000);
};

async function ok<T>(method: string, input: unknown = {}): Promise<T> {
  const result = await backend.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function failure(method: string, input: unknown = {}): Promise<{ code: string; message: string }> {
  const result: Envelope<unknown> = await backend.invoke(method, input);
  if (result.ok) throw new Error(`${method} was expected to fail`);
  return result.error;
}

const create = () => ok<{ recoveryKey: string }>('vault.create', { userName: 'Dana Whitfield', role: 'program_manager', passphrase: TEST_PASSPHRASE });

describe('the vault through the dispatcher', () => {
  it('vault.create, vault.lock, then users.list is locked; a wrong unlock is auth_failed; the right one opens', async () => {
    expect(await ok('vault.status')).toMatchObject({ state: 'none' });
    const { recoveryKey } = await create();
    expect(recoveryKey).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){15}$/);
    expect(await ok('vault.status')).toMatchObject({ state: 'unlocked', user: { name: 'Dana Whitfield' } });
    expect(await ok('users.list')).toHaveLength(1);

    expect(await ok('vault.lock', {})).toEqual({ state: 'locked' });
    expect(await failure('users.list')).toEqual({ code: 'locked', message: 'The vault is locked. Unlock it to continue.' });
    expect(await failure('cases.list', {})).toMatchObject({ code: 'locked' });
    expect(await ok('vault.status')).toMatchObject({ state: 'locked', user: null });

    expect(await failure('vault.unlock', { userName: 'Dana Whitfield', passphrase: 'not the passphrase at all' })).toEqual({ code: 'auth_failed', message: 'Wrong user name or passphrase.' });
    expect(await failure('users.list')).toMatchObject({ code: 'locked' });
    await ok('vault.unlock', { userName: 'Dana Whitfield', passphrase: TEST_PASSPHRASE });
    const audit = await ok<{ action: string; detail: Record<string, unknown> }[]>('audit.list', { limit: 5 });
    expect(audit.map((e) => e.action).slice(0, 3)).toEqual(['vault.unlock', 'vault.unlock_failed', 'vault.lock']);
    expect(audit[2]?.detail).toEqual({ reason: 'user' });
    expect(await ok('audit.verify')).toMatchObject({ ok: true, firstBroken: null });
  });

  it('locks itself after idleLockMinutes without a call, answers locked, and records vault.lock with reason idle', async () => {
    await create();
    const { idleLockMinutes } = await ok<{ idleLockMinutes: number }>('vault.status');
    expect(idleLockMinutes).toBe(15);
    // Activity inside the window keeps the session open.
    minutes(14);
    expect(await ok('users.list')).toHaveLength(1);
    minutes(14);
    expect(await ok('users.list')).toHaveLength(1);
    minutes(idleLockMinutes + 1);
    expect(await failure('users.list')).toMatchObject({ code: 'locked' });
    expect(await ok('vault.status')).toMatchObject({ state: 'locked' });

    await ok('vault.unlock', { userName: 'Dana Whitfield', passphrase: TEST_PASSPHRASE });
    const audit = await ok<{ action: string; at: string; detail: Record<string, unknown> }[]>('audit.list', { limit: 2 });
    expect(audit[1]).toMatchObject({ action: 'vault.lock', detail: { reason: 'idle' } });
    expect(audit[1]?.at).toBe(clock.toISOString());
  });

  it('a shorter idle lock set by the manager applies at once', async () => {
    await create();
    expect(await ok('vault.setIdleLock', { minutes: 1 })).toEqual({ idleLockMinutes: 1 });
    clock = new Date(clock.getTime() + 61_000);
    expect(await failure('audit.list', {})).toMatchObject({ code: 'locked' });
  });

  it('users: add, refuse a non-manager, refuse removing the last manager, and a removed user cannot unlock', async () => {
    await create();
    await ok('users.add', { name: 'Ana Lyst', role: 'analyst', passphrase: ANALYST_PASSPHRASE });
    expect(await failure('users.remove', { name: 'Dana Whitfield', reason: 'Leaving the program' })).toEqual({ code: 'conflict', message: 'The last program manager cannot be removed.' });

    await ok('vault.unlock', { userName: 'Ana Lyst', passphrase: ANALYST_PASSPHRASE });
    expect(await failure('users.add', { name: 'Eve Extra', role: 'program_manager', passphrase: 'harbor pepper granite tulip' })).toMatchObject({ code: 'forbidden' });
    expect(await failure('vault.rekey', { passphrase: ANALYST_PASSPHRASE, reason: 'Routine rotation' })).toMatchObject({ code: 'forbidden' });

    await ok('vault.unlock', { userName: 'Dana Whitfield', passphrase: TEST_PASSPHRASE });
    expect(await ok('users.remove', { name: 'Ana Lyst', reason: 'Left the program' })).toMatchObject({ removed: true });
    expect(await failure('vault.unlock', { userName: 'Ana Lyst', passphrase: ANALYST_PASSPHRASE })).toMatchObject({ code: 'auth_failed' });
    await ok('vault.unlock', { userName: 'Dana Whitfield', passphrase: TEST_PASSPHRASE });
    expect((await ok<{ name: string }[]>('users.list')).map((u) => u.name)).toEqual(['Dana Whitfield']);
  });

  it('vault.rekey returns a new recovery key and the session goes on', async () => {
    const { recoveryKey } = await create();
    const rekeyed = await ok<{ recoveryKey: string }>('vault.rekey', { passphrase: TEST_PASSPHRASE, reason: 'Routine rotation' });
    expect(rekeyed.recoveryKey).not.toBe(recoveryKey);
    expect(await ok('users.list')).toHaveLength(1);
    expect(await failure('vault.rekey', { passphrase: 'not the passphrase at all', reason: 'Routine rotation' })).toMatchObject({ code: 'auth_failed' });
    // The reason is required and kept in the audit log.
    expect(await failure('vault.rekey', { passphrase: TEST_PASSPHRASE })).toMatchObject({ code: 'invalid_input' });
    expect(await failure('vault.rekey', { passphrase: TEST_PASSPHRASE, reason: '  ' })).toMatchObject({ code: 'invalid_input' });
    const events = await ok<{ action: string; detail: Record<string, unknown> }[]>('audit.list', { limit: 20 });
    expect(events.find((e) => e.action === 'vault.rekey')?.detail).toEqual({ reason: 'Routine rotation' });
  });
});
