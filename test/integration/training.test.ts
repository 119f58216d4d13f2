import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/backend';

let dataDir: string;
let backend: Backend;
afterEach(() => {
  backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const ok = async <T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> => {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
};

describe('training vault', () => {
  it('opens a separate, seeded training vault, resets it, and leaves the real vault alone', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'offramp-training-'));
    backend = createBackend({ dataDir, transport: 'harness', version: 't', log: () => undefined, kdf: 'fast-insecure-for-tests', now: () => new Date('2026-11-20T10:00:00Z') });
    const opened = await ok<{ cases: number; user: { name: string } }>(backend.invoke('training.open', {}));
    expect(opened).toMatchObject({ cases: 6, user: { name: 'Trainee' } });
    expect(existsSync(join(dataDir, 'training-vault', 'keyslots.json'))).toBe(true);
    expect(existsSync(join(dataDir, 'vault'))).toBe(false);
    expect(await ok(backend.invoke('vault.status', {}))).toMatchObject({ state: 'unlocked', training: true });

    const list = await ok<{ rows: { id: string; title: string; program: string }[] }>(backend.invoke('cases.list', { sort: 'number', direction: 'asc' }));
    expect(list.rows.map((r) => r.program)).toEqual(['dod', 'dod', 'dod', 'federal', 'industry', 'federal']);
    const toebbeDod = list.rows[2]!;
    const evaluation = await ok<{ obligations: { recipient: string; timing: string }[] }>(backend.invoke('cases.evaluate', { caseId: toebbeDod.id }));
    expect(evaluation.obligations).toEqual(expect.arrayContaining([expect.objectContaining({ recipient: 'fbi', timing: 'immediately' }), expect.objectContaining({ recipient: 'ditmac' })]));

    // A trainee's change is undone by a reset.
    await ok(backend.invoke('analysis.save', { caseId: list.rows[0]!.id, kind: 'goal', text: 'Trainee note' }));
    const reset = await ok<{ cases: number }>(backend.invoke('training.reset', { confirm: true }));
    expect(reset.cases).toBe(6);
    const again = await ok<{ rows: { id: string }[] }>(backend.invoke('cases.list', { query: 'Trainee note' }));
    expect(again.rows).toHaveLength(0);

    // Locking leads back to the real vault, which does not exist yet.
    await ok(backend.invoke('vault.lock', {}));
    expect(await ok(backend.invoke('vault.status', {}))).toMatchObject({ state: 'none', training: false });
    expect(await backend.invoke('training.reset', { confirm: true })).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('refuses to reset a real vault', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'offramp-training-'));
    backend = createBackend({ dataDir, transport: 'harness', version: 't', log: () => undefined, kdf: 'fast-insecure-for-tests' });
    await ok(backend.invoke('vault.create', { userName: 'Dana Whitfield', role: 'program_manager', passphrase: 'correct horse battery staple orbit' }));
    expect(await backend.invoke('training.reset', { confirm: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
