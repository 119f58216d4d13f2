import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/contract';
import { createBackend, type Backend } from '../../electron/backend/backend';
import { anchorSignatureValid, parseAnchor } from '../../electron/backend/vault/anchor';
import { ANALYST_PASSPHRASE } from '../helpers/cliVault';
import { TEST_PASSPHRASE } from '../helpers/vault';

/** "Export audit anchor" and its reminder, through the dispatcher as the app calls them. */
let dataDir: string;
let medium: string;
let backend: Backend;
let clock: Date;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'offramp-anchor-export-'));
  medium = mkdtempSync(join(tmpdir(), 'offramp-anchor-medium-'));
  clock = new Date('2026-11-20T10:00:00Z');
  backend = createBackend({ dataDir, transport: 'harness', version: '0.0.0-test', kdf: 'fast-insecure-for-tests', now: () => clock, log: () => undefined });
  await ok('vault.create', { userName: 'Dana Whitfield', role: 'program_manager', passphrase: TEST_PASSPHRASE });
});
afterEach(() => {
  backend.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(medium, { recursive: true, force: true });
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

interface Status {
  lastAnchorAt: string | null;
  reminderDays: number;
  due: boolean;
}

describe('anchor.export and anchor.status', () => {
  it('is due until an anchor leaves the vault, then again after the reminder interval; the file is a signed anchor of the head', async () => {
    expect(await ok<Status>('anchor.status')).toEqual({ lastAnchorAt: null, reminderDays: 7, due: true });
    const written = await ok<{ path: string; name: string; events: number }>('anchor.export', { targetDir: medium });
    expect(readdirSync(medium)).toEqual([written.name]);
    const anchor = parseAnchor(readFileSync(written.path, 'utf8'), written.name);
    expect(anchorSignatureValid(anchor)).toBe(true);
    expect(anchor.events).toBe(written.events);
    expect(await ok<Status>('anchor.status')).toEqual({ lastAnchorAt: clock.toISOString(), reminderDays: 7, due: false });
    const audit = await ok<{ action: string; detail: Record<string, unknown> }[]>('audit.list', { limit: 3 });
    expect(audit[0]).toMatchObject({ action: 'audit.anchor', detail: { events: written.events, file: written.name } });
    clock = new Date(clock.getTime() + 8 * 86_400_000);
    // Eight days on, the idle lock has closed the session: unlock again.
    await ok('vault.unlock', { userName: 'Dana Whitfield', passphrase: TEST_PASSPHRASE });
    expect((await ok<Status>('anchor.status')).due).toBe(true);
  });

  it('refuses a folder inside the vault, a missing folder and a file, and an analyst; nothing is written', async () => {
    const inside = await failure('anchor.export', { targetDir: join(dataDir, 'vault') });
    expect(inside).toMatchObject({ code: 'invalid_input' });
    expect(inside.message).toContain('inside the vault folder');
    const missing = await failure('anchor.export', { targetDir: join(medium, 'nowhere') });
    expect(missing.code).toBe('invalid_input');
    expect(missing.message).toContain('is not a folder that exists');
    writeFileSync(join(medium, 'file.txt'), 'x');
    expect(await failure('anchor.export', { targetDir: join(medium, 'file.txt') })).toMatchObject({ code: 'invalid_input' });
    expect(await failure('anchor.export', { targetDir: '' })).toMatchObject({ code: 'invalid_input' });

    await ok('users.add', { name: 'Ana Lyst', role: 'analyst', passphrase: ANALYST_PASSPHRASE });
    await ok('vault.lock', {});
    await ok('vault.unlock', { userName: 'Ana Lyst', passphrase: ANALYST_PASSPHRASE });
    expect(await failure('anchor.export', { targetDir: medium })).toMatchObject({ code: 'forbidden' });
    expect(readdirSync(medium)).toEqual(['file.txt']);
  });
});
