import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { createBackend, type Backend } from '../../electron/backend/backend';
import { gamblingIntake, TEST_PASSPHRASE } from '../helpers/vault';

let dataDir: string;
let backend: Backend;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'offramp-reveal-'));
  backend = createBackend({ dataDir, transport: 'harness', version: '0.1.0', kdf: 'fast-insecure-for-tests', log: () => undefined, now: () => new Date('2026-11-20T10:00:00Z') });
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

describe('revealing a subject', () => {
  it('returns the real name, keeps the reason with the case, and puts only its id in the audit log', async () => {
    await call('vault.create', { userName: 'Dana Whitfield', role: 'program_manager', passphrase: TEST_PASSPHRASE });
    const created = await call('cases.create', gamblingIntake('reveal reasons'));
    const viewed = await call('cases.get', { id: created.id });
    expect(viewed.subject.realName).toBeNull();

    const { realName } = await call('cases.reveal', { caseId: created.id, reason: 'Coordinating the EAP referral with Maria Lopez in HR' });
    expect(realName).toBe(gamblingIntake('x').subject.realName);

    const events = await call('audit.list', { caseId: created.id, limit: 10 });
    const reveal = events.find((e) => e.action === 'case.reveal_subject');
    expect(reveal?.detail).toEqual({ revealId: expect.any(String) as string });
    expect(JSON.stringify(reveal?.detail)).not.toContain('Maria');
    expect(reveal?.note).toBe('Reason: Coordinating the EAP referral with Maria Lopez in HR');
    // Other events carry no note.
    expect(events.filter((e) => e.note !== undefined)).toHaveLength(1);
  });

  it('refuses a reveal without a reason, recording nothing', async () => {
    await call('vault.create', { userName: 'Dana Whitfield', role: 'program_manager', passphrase: TEST_PASSPHRASE });
    const created = await call('cases.create', gamblingIntake('no reason'));
    const result = await backend.invoke('cases.reveal', { caseId: created.id, reason: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const events = await call('audit.list', { caseId: created.id, limit: 10 });
    expect(events.some((e) => e.action === 'case.reveal_subject')).toBe(false);
  });
});
