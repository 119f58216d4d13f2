import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PacketProgress } from '../../shared/contract/packets';
import { packetFileName } from '../../shared/packets/manifest';
import { readPacketFile } from '../../electron/backend/packets/receive';
import { exportPacket } from '../../electron/backend/services/packetExport';
import { ownPublicKey, packetHistory, pinKey } from '../../electron/backend/services/packetKeys';
import { importPacket, openPacket, verifyPacket } from '../../electron/backend/services/packetReceive';
import { readCaseRecord } from '../../electron/backend/services/caseStore';
import { readEvidenceContent } from '../../electron/backend/services/evidence';
import { verifyAudit } from '../../electron/backend/vault/audit';
import { ageKeys, evidenceFiles, openPacketCase, receivingVault, scratch, SUBJECT_NAME, type AgeKeys, type PacketCase } from '../helpers/packets';
import { createTestVault, type TestVault } from '../helpers/vault';

let vault: TestVault;
let tmp: ReturnType<typeof scratch>;
let kase: PacketCase;
let keys: AgeKeys;
const cleanups: (() => void)[] = [];

beforeEach(async () => {
  vault = await createTestVault();
  tmp = scratch();
  kase = await openPacketCase(vault);
  keys = await ageKeys(tmp.root);
});
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  vault.cleanup();
  tmp.cleanup();
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const actions = (t: TestVault) => (t.session.db.prepare('SELECT action FROM audit_events ORDER BY seq').all() as { action: string }[]).map((r) => r.action);

async function exportFbi(options: { evidence?: boolean; key?: 'recipient' | 'passphrase'; onProgress?: (p: PacketProgress) => void } = {}) {
  return exportPacket(
    vault.session,
    {
      caseId: kase.caseId,
      profile: 'fbi_referral',
      selection: { evidenceIds: options.evidence === false ? [] : kase.evidenceIds },
      key: options.key === 'passphrase' ? { kind: 'passphrase', passphrase: 'amber falcon quietly measures seven rivers' } : { kind: 'recipient', recipient: keys.recipient },
      purpose: 'Section 811 referral',
      targetDir: tmp.medium,
      summaryPdf: Buffer.from('%PDF-1.7\nsummary\n'),
    },
    { now: vault.now(), scryptLogN: 10, onProgress: options.onProgress },
  );
}

describe('exporting a referral packet', () => {
  it('writes one verified file named case-recipient-id, and nothing else, to the medium', async () => {
    const progress: PacketProgress[] = [];
    const result = await exportFbi({ onProgress: (p) => progress.push(p) });
    expect(result.fileName).toBe(packetFileName(kase.number, 'fbi', result.packetId));
    expect(readdirSync(tmp.medium)).toEqual([result.fileName]);
    expect(sha(readFileSync(result.path))).toBe(result.sha256);
    const writing = progress.filter((p) => p.phase === 'writing');
    expect(writing.at(-1)).toMatchObject({ bytesWritten: result.bytes, totalBytes: result.bytes });
    expect(writing.every((p, i) => i === 0 || p.bytesWritten >= (writing[i - 1]?.bytesWritten ?? 0))).toBe(true);
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['building', 'encrypting', 'writing', 'verifying', 'recording']));

    const read = await readPacketFile(result.path, { kind: 'identities', identities: [keys.identity] }, undefined, { keepFiles: true });
    const { manifest } = read.packet;
    expect(manifest).toMatchObject({ packetId: result.packetId, recipient: 'fbi', profile: 'fbi_referral', training: false, createdBy: 'Dana Whitfield', case: { id: kase.caseId, number: kase.number } });
    expect(manifest.encryption).toEqual({ method: 'x25519', recipient: keys.recipient });
    expect(manifest.signer.fingerprint).toBe(ownPublicKey(vault.session.db).fingerprint);
    expect(manifest.files.map((f) => f.name)).toEqual(['case.json', 'custody.json', 'summary.pdf', 'evidence/Bank_statement_Oct_e.pdf', 'evidence/chat_log.txt']);
    expect(read.packet.file('evidence/chat_log.txt')).toEqual(new Uint8Array(evidenceFiles.chat.content));
    expect(read.addressedToKey).toBe(true);
    expect(read.packet.caseExtract.subject.realName).toBe(SUBJECT_NAME);
    expect(read.packet.custody.events.map((e) => e.action)).toEqual(['intake', 'intake']);
  });

  it('records the export in the audit log (ids and hashes only) and in the custody log, with the medium', async () => {
    const result = await exportFbi();
    const audit = vault.session.db.prepare("SELECT case_id, detail FROM audit_events WHERE action = 'packet.export'").get() as { case_id: string; detail: string };
    expect(audit.case_id).toBe(kase.caseId);
    const detail = JSON.parse(audit.detail) as Record<string, unknown>;
    expect(detail).toEqual({ packetId: result.packetId, recipient: 'fbi', profile: 'fbi_referral', packetSha256: result.sha256, manifestSha256: result.manifestSha256, evidence: 2, encryption: 'x25519' });
    expect(audit.detail).not.toContain(SUBJECT_NAME);
    const record = readCaseRecord(vault.session.db, kase.caseId);
    const caseEvent = record?.custody.find((e) => e.action === 'packet_export');
    expect(caseEvent?.detail).toMatchObject({ packetId: result.packetId, recipient: 'fbi', medium: tmp.medium, fileName: result.fileName, manifestSha256: result.manifestSha256 });
    expect(record?.custody.filter((e) => e.action === 'copied_to_packet').map((e) => e.evidenceId).sort()).toEqual([...kase.evidenceIds].sort());
    expect(await packetHistory(vault.session, kase.caseId)).toMatchObject([{ packetId: result.packetId, direction: 'export', recipient: 'fbi', packetSha256: result.sha256 }]);
    expect(verifyAudit(vault.session.db).ok).toBe(true);
  });

  it('encrypts to a passphrase when asked, and a wrong passphrase or key opens nothing', async () => {
    const result = await exportFbi({ key: 'passphrase', evidence: false });
    const read = await readPacketFile(result.path, { kind: 'passphrase', passphrase: 'amber falcon quietly measures seven rivers' });
    expect(read.packet.manifest.encryption).toEqual({ method: 'passphrase' });
    expect(read.decryptedWith).toBe('passphrase');
    await expect(readPacketFile(result.path, { kind: 'passphrase', passphrase: 'amber falcon quietly measures six rivers' })).rejects.toMatchObject({ code: 'auth_failed' });
    await expect(readPacketFile(result.path, { kind: 'identities', identities: [keys.identity] })).rejects.toMatchObject({ code: 'auth_failed' });
  });

  it('refuses a weak packet passphrase, an evidence copy that no longer matches its intake hash, and outsiders', async () => {
    const base = { caseId: kase.caseId, profile: 'fbi_referral' as const, purpose: 'x', targetDir: tmp.medium };
    await expect(exportPacket(vault.session, { ...base, selection: {}, key: { kind: 'passphrase', passphrase: 'password1' } }, { now: vault.now() })).rejects.toMatchObject({ code: 'invalid_input' });
    vault.session.db.prepare('UPDATE evidence_chunks SET data = ? WHERE evidence_id = ? AND seq = 0').run(Buffer.from('tampered'), kase.evidenceIds[0]);
    await expect(exportPacket(vault.session, { ...base, selection: { evidenceIds: kase.evidenceIds }, key: { kind: 'recipient', recipient: keys.recipient } }, { now: vault.now() })).rejects.toMatchObject({
      code: 'integrity',
    });
    const outsider = { ...vault.session, user: { name: 'Other Analyst', role: 'analyst' as const, createdAt: '' } };
    await expect(exportPacket(outsider, { ...base, selection: {}, key: { kind: 'recipient', recipient: keys.recipient } }, { now: vault.now() })).rejects.toMatchObject({ code: 'forbidden' });
    expect(readdirSync(tmp.medium)).toEqual([]);
    expect(actions(vault)).not.toContain('packet.export');
  });
});

describe('receiving a packet in another vault', () => {
  it('recognizes a packet this vault exported and does not import it again as a second case, even with its own key pinned', async () => {
    const result = await exportFbi();
    const key = { kind: 'identities' as const, identities: [keys.identity] };
    const own = ownPublicKey(vault.session.db);
    await pinKey(vault.session, 'This hub', own.publicKeyPem, vault.now());
    const cases = () => vault.session.db.prepare('SELECT count(*) FROM cases').pluck().get();
    const before = cases();
    await expect(importPacket(vault.session, result.path, key, vault.now())).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining(`exported by this vault from case ${kase.number}`) as string,
    });
    expect(cases()).toBe(before);
    expect(vault.session.db.prepare("SELECT count(*) FROM packets WHERE direction = 'import'").pluck().get()).toBe(0);
  });

  it('verifies, shows, and imports a pinned sender’s packet once, as a new linked case with its evidence', async () => {
    const result = await exportFbi();
    const receiver = await receivingVault(tmp.root);
    cleanups.push(receiver.cleanup);
    const key = { kind: 'identities' as const, identities: [keys.identity] };

    const unpinned = await verifyPacket(receiver.session, result.path, key, receiver.now());
    expect(unpinned.signature).toMatchObject({ valid: true, pinned: false, pinLabel: null });
    await expect(importPacket(receiver.session, result.path, key, receiver.now())).rejects.toMatchObject({ code: 'forbidden' });

    const sender = ownPublicKey(vault.session.db);
    const pin = await pinKey(receiver.session, 'Hub West', sender.publicKeyPem, receiver.now());
    expect(pin.fingerprint).toBe(sender.fingerprint);
    const opened = await openPacket(receiver.session, result.path, key, receiver.now());
    expect(opened.verification.signature).toMatchObject({ pinned: true, pinLabel: 'Hub West' });
    expect(opened.case.case.number).toBe(kase.number);

    const imported = await importPacket(receiver.session, result.path, key, receiver.now());
    expect(imported.number).toBe('OR-2026-0001');
    const record = readCaseRecord(receiver.session.db, imported.caseId);
    expect(record?.case).toMatchObject({ sourcePacketId: result.packetId, assignedTo: 'Rita Okafor', status: 'open' });
    expect(record?.subject.realName).toBe(SUBJECT_NAME);
    expect(record?.evidence.map((e) => e.name).sort()).toEqual([evidenceFiles.statement.name, evidenceFiles.chat.name, 'summary.pdf'].sort());
    const stored = receiver.session.db.prepare('SELECT id, sha256 FROM evidence WHERE case_id = ?').all(imported.caseId) as { id: string; sha256: string }[];
    for (const e of stored) expect(sha(await readEvidenceContent(receiver.session.db, imported.caseId, e.id))).toBe(e.sha256);
    expect(record?.custody.map((e) => e.action)).toEqual(['intake', 'intake', 'received_in_packet', 'received_in_packet', 'received_in_packet', 'packet_import']);
    expect(record?.indicators.every((i) => i.reportId === null || record.reports.some((r) => r.id === i.reportId))).toBe(true);

    await expect(importPacket(receiver.session, result.path, key, receiver.now())).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already imported') as string });
    expect((await packetHistory(receiver.session)).map((p) => p.direction)).toEqual(['import']);
    expect(actions(receiver).filter((a) => a.startsWith('packet.'))).toEqual(['packet.verify', 'packet.import', 'packet.pin_key', 'packet.open', 'packet.import', 'packet.import']);
    expect(verifyAudit(receiver.session.db).ok).toBe(true);
  });

  it('refuses a training packet in a real vault and a real packet in a training vault', async () => {
    const trainingSender = await receivingVault(tmp.root, true, vault.now);
    cleanups.push(trainingSender.cleanup);
    const trainingCase = await openPacketCase(trainingSender);
    const training = await exportPacket(
      trainingSender.session,
      { caseId: trainingCase.caseId, profile: 'consultation', selection: {}, key: { kind: 'recipient', recipient: keys.recipient }, purpose: 'exercise', targetDir: tmp.medium },
      { now: vault.now() },
    );
    const real = await exportFbi({ evidence: false });
    const key = { kind: 'identities' as const, identities: [keys.identity] };
    expect((await readPacketFile(training.path, key)).packet.manifest.training).toBe(true);

    const realVault = await receivingVault(tmp.root, false);
    const trainingVault = await receivingVault(tmp.root, true);
    cleanups.push(realVault.cleanup, trainingVault.cleanup);
    for (const v of [realVault, trainingVault]) {
      await pinKey(v.session, 'sender', ownPublicKey(vault.session.db).publicKeyPem, v.now());
      await pinKey(v.session, 'training sender', ownPublicKey(trainingSender.session.db).publicKeyPem, v.now());
    }
    await expect(importPacket(realVault.session, training.path, key, realVault.now())).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('training packet') as string });
    await expect(importPacket(trainingVault.session, real.path, key, trainingVault.now())).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('training vault') as string });
    expect(await importPacket(trainingVault.session, training.path, key, trainingVault.now())).toMatchObject({ number: 'OR-2026-0001' });
    const count = (v: TestVault) => (v.session.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    expect(count(realVault)).toBe(0);
  });

  it('imports a pseudonymous consultation packet with the name withheld', async () => {
    const result = await exportPacket(
      vault.session,
      { caseId: kase.caseId, profile: 'consultation', selection: {}, key: { kind: 'recipient', recipient: keys.recipient }, purpose: 'Behavioral science consultation', targetDir: tmp.medium },
      { now: vault.now() },
    );
    const bytes = readFileSync(result.path);
    expect(bytes.includes(Buffer.from(SUBJECT_NAME))).toBe(false);
    const receiver = await receivingVault(tmp.root);
    cleanups.push(receiver.cleanup);
    await pinKey(receiver.session, 'Hub West', ownPublicKey(vault.session.db).publicKeyPem, receiver.now());
    const imported = await importPacket(receiver.session, result.path, { kind: 'identities', identities: [keys.identity] }, receiver.now());
    const record = readCaseRecord(receiver.session.db, imported.caseId);
    expect(record?.subject.realName).toMatch(/^Withheld by the sender \(S-[0-9A-Z]{5}\)$/);
    expect(record?.subject.clearance).toBe('');
    expect(record?.reports[0]?.reporter).toBe('');
    expect(record?.evidence).toEqual([]);
  });
});
