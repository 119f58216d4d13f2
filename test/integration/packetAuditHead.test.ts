import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packetManifestSchema } from '../../shared/packets/manifest';
import { encryptPacket } from '../../electron/backend/packets/ageLayer';
import { inspectArchive } from '../../electron/backend/packets/inspect';
import { defaultPacketLimits } from '../../electron/backend/packets/limits';
import { readPacketBytes } from '../../electron/backend/packets/receive';
import { packetSigningKey } from '../../electron/backend/vault/vault';
import { entriesOf, rewrite, resigned } from '../helpers/hostilePackets';
import { exportPacket } from '../../electron/backend/services/packetExport';
import { auditHead } from '../../electron/backend/vault/anchor';
import { ageKeys, openPacketCase, scratch, type AgeKeys, type PacketCase } from '../helpers/packets';
import { createTestVault, type TestVault } from '../helpers/vault';
import { readFileSync } from 'node:fs';

/** Point 5 of the vault-keys issue: every referral packet's manifest carries the audit head it was made at. */
let vault: TestVault;
let tmp: ReturnType<typeof scratch>;
let kase: PacketCase;
let keys: AgeKeys;

beforeEach(async () => {
  vault = await createTestVault();
  tmp = scratch();
  kase = await openPacketCase(vault);
  keys = await ageKeys(tmp.root);
});
afterEach(() => {
  vault.cleanup();
  tmp.cleanup();
});

const exportOne = () =>
  exportPacket(
    vault.session,
    {
      caseId: kase.caseId,
      profile: 'fbi_referral',
      selection: { evidenceIds: [] },
      key: { kind: 'recipient', recipient: keys.recipient },
      purpose: 'Section 811 referral',
      targetDir: tmp.medium,
    },
    { now: vault.now(), scryptLogN: 10 },
  );

const identities = () => ({ kind: 'identities' as const, identities: [keys.identity] });

describe('the audit head in a packet manifest', () => {
  it('is the head of the sending vault just before the export, which the export event then extends', async () => {
    const before = auditHead(vault.session.db);
    const result = await exportOne();
    const read = await readPacketBytes(readFileSync(result.path), identities());
    expect(read.packet.manifest.audit).toEqual({ events: before.events, headHash: before.hash });
    expect(before.hash).toMatch(/^[0-9a-f]{64}$/);
    // The export's own event comes after it, in the same chain.
    const exportEvent = vault.session.db.prepare("SELECT seq, prev_hash FROM audit_events WHERE action = 'packet.export'").get() as { seq: number; prev_hash: string };
    expect(exportEvent.seq).toBeGreaterThan(before.events);
    const atHead = vault.session.db.prepare('SELECT hash FROM audit_events WHERE seq = ?').get(before.events) as { hash: string };
    expect(atHead.hash).toBe(before.hash);
    // The head is signed with the rest of the manifest: written in its documented place.
    const text = Buffer.from(entriesOf(await decryptArchive(result.path))[0]?.data ?? []).toString('utf8');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['format', 'version', 'packetId', 'createdAt', 'createdBy', 'signer', 'case', 'recipient', 'profile', 'purpose', 'training', 'audit', 'encryption', 'files']);
  });

  it('an older packet without it still verifies and opens', async () => {
    const result = await exportOne();
    const archive = await decryptArchive(result.path);
    // The same packet as a version before audit anchors wrote it: no audit field, signed by the same key.
    const manifest = packetManifestSchema.parse(JSON.parse(Buffer.from(entriesOf(archive)[0]?.data ?? []).toString('utf8')));
    const { audit: _audit, ...older } = manifest;
    const olderArchive = rewrite(archive, (entries) => entries.map((e, i) => (i === 0 ? { ...e, data: Buffer.from(`${JSON.stringify(older, null, 2)}\n`) } : e)));
    const signed = resigned(olderArchive, packetSigningKey(vault.session));
    expect(Buffer.from(entriesOf(signed)[0]?.data ?? []).toString('utf8')).not.toContain('"audit"');
    const read = await readPacketBytes(await encryptPacket(signed, { kind: 'recipient', recipient: keys.recipient }, 10), identities());
    expect(read.packet.manifest.audit).toBeUndefined();
    expect(read.packet.manifest.packetId).toBe(result.packetId);
  });

  it('a malformed audit head is refused, naming the manifest', async () => {
    const result = await exportOne();
    const archive = await decryptArchive(result.path);
    const manifest = JSON.parse(Buffer.from(entriesOf(archive)[0]?.data ?? []).toString('utf8')) as Record<string, unknown>;
    for (const audit of [{ events: -1, headHash: 'a'.repeat(64) }, { events: 3, headHash: 'not hex' }, { events: 3, headHash: 'a'.repeat(64), extra: 1 }]) {
      const bad = rewrite(archive, (entries) => entries.map((e, i) => (i === 0 ? { ...e, data: Buffer.from(`${JSON.stringify({ ...manifest, audit }, null, 2)}\n`) } : e)));
      expect(() => inspectArchive(bad, defaultPacketLimits)).toThrow(/manifest/i);
    }
  });
});

async function decryptArchive(path: string): Promise<Buffer> {
  const { decryptPacket } = await import('../../electron/backend/packets/ageLayer');
  return Buffer.from(await decryptPacket(readFileSync(path), identities()));
}
