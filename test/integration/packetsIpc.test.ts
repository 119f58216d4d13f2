import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import { packetProfileIds } from '../../shared/packets/profiles';
import { createBackend, type Backend } from '../../electron/backend/backend';
import type { HostServices } from '../../electron/backend/context';
import { ageKeys, packetIntake, scratch, type AgeKeys } from '../helpers/packets';
import { TEST_PASSPHRASE } from '../helpers/vault';

let tmp: ReturnType<typeof scratch>;
let keys: AgeKeys;
let folderAnswers: (string | null)[];
let openAnswers: (string | null)[];
const backends: Backend[] = [];

const host: HostServices = {
  print: () => Promise.reject(new Error('not in this test')),
  printToPdf: () => Promise.reject(new Error('not in this test')),
  chooseSavePath: () => Promise.reject(new Error('not in this test')),
  chooseFolder: () => Promise.resolve(folderAnswers.shift() ?? null),
  chooseOpenPath: () => Promise.resolve(openAnswers.shift() ?? null),
};

async function hub(name: string, userName: string): Promise<Backend> {
  const backend = createBackend({ dataDir: join(tmp.root, name), transport: 'harness', version: '0.0.0-test', log: () => undefined, kdf: 'fast-insecure-for-tests', host, now: () => new Date('2026-11-20T10:00:00Z') });
  backends.push(backend);
  await call(backend, 'vault.create', { userName, role: 'program_manager', passphrase: TEST_PASSPHRASE });
  return backend;
}

async function call(backend: Backend, method: string, input: unknown): Promise<Record<string, unknown>> {
  const result = await backend.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as Record<string, unknown>;
}

async function failure(backend: Backend, method: string, input: unknown): Promise<{ code: string; message: string }> {
  const result = await backend.invoke(method, input);
  if (result.ok) throw new Error(`${method} succeeded`);
  return result.error;
}

beforeEach(async () => {
  tmp = scratch('offramp-ipc-');
  keys = await ageKeys(tmp.root);
  folderAnswers = [];
  openAnswers = [];
});
afterEach(() => {
  for (const b of backends.splice(0)) b.close();
  tmp.cleanup();
});

async function caseWithEvidence(backend: Backend, bytes = 2000): Promise<{ caseId: string; evidenceId: string }> {
  const { id } = (await call(backend, 'cases.create', packetIntake())) as { id: string };
  const file = join(tmp.root, `ledger-${bytes}-${Math.random().toString(16).slice(2)}.csv`);
  writeFileSync(file, Buffer.alloc(bytes, 'a'));
  const added = await call(backend, 'evidence.add', { caseId: id, path: file, name: 'ledger.csv', receivedOn: '2026-11-05', source: 'Finance' });
  const item = added['item'] as Record<string, unknown>;
  return { caseId: id, evidenceId: String(item['id']) };
}

describe('packet and evidence IPC methods', () => {
  it('serves the profiles while locked, and everything else only when unlocked', async () => {
    const backend = createBackend({ dataDir: join(tmp.root, 'locked'), transport: 'harness', version: '0', log: () => undefined });
    backends.push(backend);
    const profiles = (await backend.invoke('packets.profiles', {})) as { ok: true; value: { id: string; isDefault: boolean; sources: string[] }[] };
    expect(profiles.value.map((p) => p.id)).toEqual([...packetProfileIds]);
    expect(profiles.value.filter((p) => p.isDefault).map((p) => p.id)).toEqual(['consultation']);
    expect(profiles.value.every((p) => p.sources.length > 0)).toBe(true);
    for (const method of Object.keys(contract).filter((m) => (m.startsWith('packets.') || m.startsWith('evidence.')) && m !== 'packets.profiles')) {
      expect((await failure(backend, method, {})).code, method).toMatch(/locked|invalid_input/);
    }
  });

  it('takes in evidence with its hash and custody event, and refuses bad input', async () => {
    const backend = await hub('a', 'Dana Whitfield');
    const { caseId, evidenceId } = await caseWithEvidence(backend);
    const list = (await backend.invoke('evidence.list', { caseId })) as { ok: true; value: { id: string; sha256: string; size: number }[] };
    expect(list.value).toMatchObject([{ id: evidenceId, size: 2000, sha256: createHash('sha256').update(Buffer.alloc(2000, 'a')).digest('hex') }]);
    const view = await call(backend, 'cases.get', { id: caseId });
    expect((view['custody'] as { action: string; evidenceId: string }[]).map((e) => [e.action, e.evidenceId])).toEqual([['intake', evidenceId]]);
    const file = join(tmp.root, 'note.txt');
    writeFileSync(file, 'a note');
    // Content never travels over IPC: the old base64 field is refused outright.
    expect((await failure(backend, 'evidence.add', { caseId, receivedOn: '2026-11-05', contentBase64: 'AAAA' })).code).toBe('invalid_input');
    expect((await failure(backend, 'evidence.add', { caseId, path: 'relative/note.txt', receivedOn: '2026-11-05' })).code).toBe('invalid_input');
    expect((await failure(backend, 'evidence.add', { caseId: 'nope', path: file, receivedOn: '2026-11-05' })).code).toBe('not_found');
    expect((await failure(backend, 'evidence.add', { caseId, path: file, receivedOn: '2027-01-01' })).message).toMatch(/future/);
    expect((await failure(backend, 'evidence.add', { caseId, path: join(tmp.root, 'missing.txt'), receivedOn: '2026-11-05' })).message).toMatch(/no such file/);
    expect((await backend.invoke('evidence.list', { caseId }) as { value: unknown[] }).value).toHaveLength(1);
  });

  it('previews, exports to the folder the user chooses (or not), reports progress, and refuses a second export at once', async () => {
    const backend = await hub('a', 'Dana Whitfield');
    const { caseId, evidenceId } = await caseWithEvidence(backend, 12 * 1024 * 1024);
    const preview = await call(backend, 'packets.preview', { caseId, profile: 'law_enforcement_referral', selection: { evidenceIds: [evidenceId] } });
    expect(preview).toMatchObject({ recipient: 'law-enforcement', subject: { identified: true }, evidence: [{ id: evidenceId, file: 'evidence/ledger.csv', size: 12 * 1024 * 1024 }] });

    const input = { caseId, profile: 'law_enforcement_referral', selection: { evidenceIds: [evidenceId] }, recipientKey: keys.recipient, purpose: 'Threat of violence' };
    folderAnswers.push(null);
    expect(await call(backend, 'packets.export', input)).toEqual({ status: 'cancelled' });
    expect((await failure(backend, 'packets.export', { ...input, passphrase: 'amber falcon quietly measures seven rivers' })).code).toBe('invalid_input');

    folderAnswers.push(tmp.medium);
    const running = backend.invoke('packets.export', input);
    const phases = new Set<string>();
    let second: { code: string } | null = null;
    for (let settled = false; !settled; ) {
      const progress = (await backend.invoke('packets.exportProgress', {})) as { ok: true; value: { phase: string; active: boolean } };
      if (progress.value.active) {
        phases.add(progress.value.phase);
        second ??= await failure(backend, 'packets.export', { ...input, targetDir: tmp.medium });
      }
      settled = await Promise.race([running.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 2))]);
    }
    const result = await running;
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ status: 'written', preview: { profile: 'law_enforcement_referral' } });
    expect(phases.size).toBeGreaterThan(0);
    expect(second?.code).toBe('conflict');
    expect(await call(backend, 'packets.exportProgress', {})).toEqual({ active: false, phase: 'idle', bytesWritten: 0, totalBytes: 0 });
    expect(readdirSync(tmp.medium)).toHaveLength(1);
    expect(await call(backend, 'packets.history', { caseId })).toMatchObject([{ direction: 'export', recipient: 'law-enforcement' }]);
  });

  it('a receiving hub pins the sender, verifies, opens and imports through IPC, choosing the file in a dialog', async () => {
    const sender = await hub('sender', 'Dana Whitfield');
    const receiver = await hub('receiver', 'Rita Okafor');
    const { caseId } = await caseWithEvidence(sender);
    const written = await call(sender, 'packets.export', { caseId, profile: 'ditmac_report', recipientKey: keys.recipient, purpose: 'DITMAC threshold met', targetDir: tmp.medium });
    const path = String(written['path']);

    const key = (await call(sender, 'packets.publicKey', {})) as { fingerprint: string; publicKeyPem: string };
    const verified = await call(receiver, 'packets.verify', { path, identity: `# comment\n${keys.identity}\n` });
    expect(verified).toMatchObject({ status: 'verified', verification: { signature: { valid: true, fingerprint: key.fingerprint, pinned: false }, addressedToKey: true } });
    expect((await failure(receiver, 'packets.import', { path, identity: keys.identity })).code).toBe('forbidden');
    expect((await failure(receiver, 'packets.pinKey', { label: 'bad', publicKeyPem: 'nope' })).code).toBe('invalid_input');
    expect(await call(receiver, 'packets.pinKey', { label: 'Hub West', publicKeyPem: key.publicKeyPem })).toMatchObject({ fingerprint: key.fingerprint, label: 'Hub West', pinnedBy: 'Rita Okafor' });
    expect((await failure(receiver, 'packets.pinKey', { label: 'again', publicKeyPem: key.publicKeyPem })).code).toBe('conflict');
    expect(await call(receiver, 'packets.pinnedKeys', {})).toMatchObject([{ fingerprint: key.fingerprint, label: 'Hub West' }]);

    openAnswers.push(path);
    const opened = await call(receiver, 'packets.open', { identity: keys.identity });
    expect(opened).toMatchObject({ status: 'opened', verification: { signature: { pinned: true, pinLabel: 'Hub West' } }, case: { profile: 'ditmac_report' } });
    openAnswers.push(null);
    expect(await call(receiver, 'packets.import', { identity: keys.identity })).toEqual({ status: 'cancelled' });
    expect((await failure(receiver, 'packets.import', { path, identity: keys.identity, passphrase: 'both given' })).code).toBe('invalid_input');
    expect((await failure(receiver, 'packets.verify', { path, identity: 'AGE-SECRET-KEY-1NOTAKEY' })).code).toBe('invalid_input');
    expect((await failure(receiver, 'packets.verify', { path, passphrase: 'amber falcon quietly measures seven rivers' })).code).toBe('auth_failed');

    const imported = await call(receiver, 'packets.import', { path, identity: keys.identity });
    expect(imported).toMatchObject({ status: 'imported', number: 'OR-2026-0001' });
    const list = (await call(receiver, 'cases.list', {})) as { rows: { id: string }[] };
    expect(list.rows.map((r) => r.id)).toEqual([imported['caseId']]);
    expect((await failure(receiver, 'packets.import', { path, identity: keys.identity })).code).toBe('conflict');
    expect(await call(receiver, 'packets.unpinKey', { fingerprint: key.fingerprint })).toEqual({ removed: true });
    expect((await failure(receiver, 'packets.unpinKey', { fingerprint: key.fingerprint })).code).toBe('not_found');
    const audit = (await receiver.invoke('audit.verify', {})) as { ok: true; value: { ok: boolean } };
    expect(audit.value.ok).toBe(true);
  });
});
