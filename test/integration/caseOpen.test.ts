import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { createBackend, type Backend } from '../../electron/backend/backend';
import type { HostServices } from '../../electron/backend/context';
import { gamblingIntake, TEST_PASSPHRASE } from '../helpers/vault';

const host: HostServices = {
  print: () => Promise.resolve(false),
  printToPdf: () => Promise.resolve(new Uint8Array()),
  chooseFolder: () => Promise.resolve(null),
  chooseSavePath: () => Promise.resolve(null),
  chooseOpenPath: () => Promise.resolve(null),
};
let dataDir: string;
let backend: Backend;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'offramp-case-open-'));
  backend = createBackend({ dataDir, transport: 'harness', version: '0.1.0', kdf: 'fast-insecure-for-tests', log: () => undefined, now: () => new Date('2026-11-20T10:00:00Z'), host });
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

const views = async (caseId: string) => (await call('audit.list', { caseId, limit: 500 })).filter((e) => e.action === 'case.view').length;

describe('opening a case', () => {
  it('brings the case and the rules engine on it in one call, the same reading cases.evaluate gives', async () => {
    await call('vault.create', { userName: 'Dana Whitfield', role: 'program_manager', passphrase: TEST_PASSPHRASE });
    const { id } = await call('cases.create', gamblingIntake('one call'));
    const opened = await call('cases.get', { id });
    expect(opened.case.id).toBe(id);
    expect(opened.indicators).toHaveLength(2);
    expect(opened.evaluation).toEqual(await call('cases.evaluate', { caseId: id }));
    expect(opened.evaluation.pathway).toBeDefined();
  });

  it('audits each opening as a view, but not the re-read of the case already open after a change on it', async () => {
    await call('vault.create', { userName: 'Dana Whitfield', role: 'program_manager', passphrase: TEST_PASSPHRASE });
    const first = await call('cases.create', gamblingIntake('first'));
    const second = await call('cases.create', gamblingIntake('second'));

    await call('cases.get', { id: first.id });
    expect(await views(first.id)).toBe(1);
    await call('indicators.add', { caseId: first.id, indicator: { category: 'financial', stage: 'stressor', observedOn: '2026-11-01', summary: 'New loan default', source: 'Bank notice', corroboration: 'corroborated', basis: 'fact' } });
    const refreshed = await call('cases.get', { id: first.id, refresh: true });
    expect(refreshed.indicators).toHaveLength(3);
    expect(refreshed.evaluation).toEqual(await call('cases.evaluate', { caseId: first.id }));
    expect(await views(first.id)).toBe(1);

    // "refresh" of a case that is not the one open is an ordinary, audited view.
    await call('cases.get', { id: second.id, refresh: true });
    expect(await views(second.id)).toBe(1);
    // Going back to the first case is a new view, refresh or not.
    await call('cases.get', { id: first.id, refresh: true });
    expect(await views(first.id)).toBe(2);

    // After a lock the session is new: the first read is a view again.
    await call('vault.lock', {});
    await call('vault.unlock', { userName: 'Dana Whitfield', passphrase: TEST_PASSPHRASE });
    await call('cases.get', { id: first.id, refresh: true });
    expect(await views(first.id)).toBe(3);
  });

  it('refuses a refresh flag that is not a boolean, naming the field', async () => {
    await call('vault.create', { userName: 'Dana Whitfield', role: 'program_manager', passphrase: TEST_PASSPHRASE });
    const { id } = await call('cases.create', gamblingIntake('bad input'));
    const result = await backend.invoke('cases.get', { id, refresh: 'yes' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('refresh') as unknown } });
  });
});
