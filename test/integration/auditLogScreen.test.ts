import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { createBackend, type Backend } from '../../electron/backend/backend';
import type { HostServices } from '../../electron/backend/context';
import { gamblingIntake, TEST_PASSPHRASE } from '../helpers/vault';

/** The audit log in words through the dispatcher (audit.log), as the Audit log screen reads it. */
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
  dataDir = mkdtempSync(join(tmpdir(), 'offramp-auditlog-'));
  backend = createBackend({ dataDir, transport: 'harness', version: '0.1.0', kdf: 'fast-insecure-for-tests', log: () => undefined, host });
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
const auditCount = () => (backend.context.requireSession().db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Dana (program manager) and Ana (analyst); Ana opens a case and lists cases, and is refused a backup. */
async function seed(): Promise<string> {
  await call('vault.create', { userName: 'Dana Whitfield', role: 'program_manager', passphrase: TEST_PASSPHRASE });
  await call('users.add', { name: 'Ana Ruiz', role: 'analyst', passphrase: TEST_PASSPHRASE });
  await call('vault.unlock', { userName: 'Ana Ruiz', passphrase: TEST_PASSPHRASE });
  const { id } = await call('cases.create', gamblingIntake('audit-log-marker'));
  await call('cases.list', {});
  expect(await backend.invoke('backup.run', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  const { number } = (await call('cases.get', { id })).case;
  await call('vault.unlock', { userName: 'Dana Whitfield', passphrase: TEST_PASSPHRASE });
  return number;
}

describe('audit.log: the audit log in words for the program manager', () => {
  it('shows events newest first in words, with the case by number and never case text, ids or codes', async () => {
    const number = await seed();
    const page = await call('audit.log', {});
    expect(page.events.map((e) => e.seq)).toEqual([...page.events.map((e) => e.seq)].sort((a, b) => b - a));
    const ana = page.events.filter((e) => e.actor === 'Ana Ruiz').map((e) => [e.text, e.caseNumber]);
    expect(ana).toEqual(
      expect.arrayContaining([
        ['opened the case', number],
        ['listed cases (1 found)', null],
        ['was refused: may not back up the vault', null],
      ]),
    );
    for (const e of page.events) {
      expect(`${e.actor} ${e.text} ${e.caseNumber ?? ''}`).not.toMatch(uuid);
      expect(e.text).not.toMatch(/[a-z]+\.[a-z_]+/);
      expect(e.text).not.toContain('audit-log-marker');
    }
    expect(page.users).toEqual(['Ana Ruiz', 'Dana Whitfield']);
  });

  it('filters by user and by kind of event, and pages back from the last event shown', async () => {
    await seed();
    const byAna = await call('audit.log', { user: 'Ana Ruiz' });
    expect(new Set(byAna.events.map((e) => e.actor))).toEqual(new Set(['Ana Ruiz']));
    const refusals = await call('audit.log', { kind: 'refusals' });
    expect(refusals.events.map((e) => [e.actor, e.text])).toEqual([['Ana Ruiz', 'was refused: may not back up the vault']]);
    const reads = await call('audit.log', { kind: 'reads', user: 'Ana Ruiz' });
    expect(reads.events.map((e) => e.text)).toEqual(['viewed the case', 'listed cases (1 found)']);

    const all = (await call('audit.log', { user: 'Ana Ruiz', limit: 200 })).events;
    const first = await call('audit.log', { user: 'Ana Ruiz', limit: 2 });
    expect(first.events).toEqual(all.slice(0, 2));
    expect(first.nextBeforeSeq).toBe(all[1]?.seq);
    const second = await call('audit.log', { user: 'Ana Ruiz', limit: 2, beforeSeq: first.nextBeforeSeq ?? 0 });
    expect(second.events).toEqual(all.slice(2, 4));
    const last = await call('audit.log', { user: 'Ana Ruiz', limit: all.length });
    expect(last.nextBeforeSeq).toBeNull();
  });

  it('records each page read as one event, with the filters used', async () => {
    await seed();
    const before = auditCount();
    await call('audit.log', { user: 'Ana Ruiz', kind: 'reads' });
    expect(auditCount()).toBe(before + 1);
    const newest = await call('audit.log', { limit: 1 });
    expect(newest.events[0]).toMatchObject({ actor: 'Dana Whitfield', text: 'read the audit log', caseNumber: null });
    const row = backend.context.requireSession().db.prepare("SELECT detail FROM audit_events WHERE action = 'audit.read' ORDER BY seq DESC LIMIT 1 OFFSET 1").get() as { detail: string };
    expect(JSON.parse(row.detail)).toEqual({ events: 2, user: 'Ana Ruiz', kind: 'reads' });
  });

  it('refuses anyone but the program manager, audited, and changes nothing else', async () => {
    await seed();
    await call('vault.unlock', { userName: 'Ana Ruiz', passphrase: TEST_PASSPHRASE });
    const before = auditCount();
    const refused = await backend.invoke('audit.log', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('read the audit log') as unknown } });
    expect(auditCount()).toBe(before + 1);
    const denied = backend.context.requireSession().db.prepare('SELECT actor, action, detail FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { actor: string; action: string; detail: string };
    expect([denied.actor, denied.action, JSON.parse(denied.detail)]).toEqual(['Ana Ruiz', 'access.denied', { operation: 'audit.log', relation: 'none' }]);
  });

  it('names bad filters and reads nothing', async () => {
    await seed();
    const before = auditCount();
    const unknown = await backend.invoke('audit.log', { user: 'Nobody Here' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('No one called Nobody Here') as unknown } });
    expect(await backend.invoke('audit.log', { kind: 'gossip' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await backend.invoke('audit.log', { limit: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(auditCount()).toBe(before);
  });
});
