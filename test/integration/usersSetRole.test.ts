import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/contract';
import { createBackend, type Backend } from '../../electron/backend/backend';
import { ANALYST_PASSPHRASE } from '../helpers/cliVault';
import { TEST_PASSPHRASE } from '../helpers/vault';

/** users.setRole: a role changes only by a program manager's signed grant, through the app's IPC. */
let dataDir: string;
let backend: Backend;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'offramp-set-role-'));
  backend = createBackend({ dataDir, transport: 'harness', version: '0.0.0-test', kdf: 'fast-insecure-for-tests', now: () => new Date('2026-11-20T10:00:00Z'), log: () => undefined });
  await ok('vault.create', { userName: 'Dana Whitfield', role: 'program_manager', passphrase: TEST_PASSPHRASE });
  await ok('users.add', { name: 'Ana Lyst', role: 'analyst', passphrase: ANALYST_PASSPHRASE });
});
afterEach(() => {
  backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

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

const roles = async () => (await ok<{ name: string; role: string }[]>('users.list')).map((u) => `${u.name}: ${u.role}`);

describe('users.setRole', () => {
  it('a program manager changes a role with a signed grant that holds at the next unlock; the audit log names both roles', async () => {
    expect(await ok('users.setRole', { name: 'ana lyst', role: 'legal' })).toEqual({ name: 'Ana Lyst', role: 'legal' });
    const audit = await ok<{ action: string; detail: Record<string, unknown> }[]>('audit.list', { limit: 4 });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['user.role_changed', 'grants.signed']));
    expect(audit.find((e) => e.action === 'user.role_changed')?.detail).toEqual({ user: 'Ana Lyst', from: 'analyst', to: 'legal' });
    await ok('vault.lock', {});
    await ok('vault.unlock', { userName: 'Ana Lyst', passphrase: ANALYST_PASSPHRASE });
    expect(await ok('vault.status')).toMatchObject({ user: { name: 'Ana Lyst', role: 'legal' } });
  });

  it('refuses bad input, an unknown user, the same role, the last program manager, and a non-manager; nothing changes', async () => {
    expect(await failure('users.setRole', { name: 'Ana Lyst', role: 'admin' })).toMatchObject({ code: 'invalid_input' });
    expect(await failure('users.setRole', { name: '', role: 'legal' })).toMatchObject({ code: 'invalid_input' });
    expect(await failure('users.setRole', { name: 'Nobody Here', role: 'legal' })).toEqual({ code: 'not_found', message: 'There is no user named Nobody Here.' });
    expect(await failure('users.setRole', { name: 'Ana Lyst', role: 'analyst' })).toMatchObject({ code: 'conflict', message: 'Ana Lyst already has that role.' });
    expect(await failure('users.setRole', { name: 'Dana Whitfield', role: 'analyst' })).toMatchObject({ code: 'conflict', message: 'The last program manager cannot give up the role.' });
    await ok('vault.lock', {});
    await ok('vault.unlock', { userName: 'Ana Lyst', passphrase: ANALYST_PASSPHRASE });
    expect(await failure('users.setRole', { name: 'Ana Lyst', role: 'program_manager' })).toMatchObject({ code: 'forbidden' });
    expect(await roles()).toEqual(['Ana Lyst: analyst', 'Dana Whitfield: program_manager']);
  });
});
