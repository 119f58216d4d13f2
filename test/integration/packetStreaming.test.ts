import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract';
import { nodeMediaFs, type MediaFs } from '../../electron/backend/packets/media';
import { createCase } from '../../electron/backend/services/cases';
import { addEvidenceFromPath } from '../../electron/backend/services/evidence';
import { CHUNK_BYTES } from '../../electron/backend/services/evidenceStore';
import { exportPacket } from '../../electron/backend/services/packetExport';
import { Decrypter } from 'age-encryption';
import { encryptPacket } from '../../electron/backend/packets/ageLayer';
import { ownPublicKey, pinKey } from '../../electron/backend/services/packetKeys';
import { importPacket } from '../../electron/backend/services/packetReceive';
import { readEvidenceContent } from '../../electron/backend/services/evidence';
import { ageKeys, packetIntake, receivingVault, scratch, type AgeKeys } from '../helpers/packets';
import { createTestVault, type TestVault } from '../helpers/vault';

let vault: TestVault;
let tmp: ReturnType<typeof scratch>;
let keys: AgeKeys;
beforeEach(async () => {
  vault = await createTestVault();
  tmp = scratch('offramp-stream-');
  keys = await ageKeys(tmp.root);
});
afterEach(() => {
  vault.cleanup();
  tmp.cleanup();
});

/** A medium that counts what reaches it. */
function countingFs(): { fs: MediaFs; written: () => number; maxWrite: () => number } {
  let written = 0;
  let maxWrite = 0;
  const fs: MediaFs = {
    ...nodeMediaFs,
    async open(path, mode) {
      const file = await nodeMediaFs.open(path, mode);
      return {
        ...file,
        write: async (data, position) => {
          maxWrite = Math.max(maxWrite, data.length);
          const n = await file.write(data, position);
          written += n;
          return n;
        },
      };
    },
  };
  return { fs, written: () => written, maxWrite: () => maxWrite };
}

describe('packet export streams vault → tar → age → medium', () => {
  it('writes to the medium while the evidence is still being read: a damaged last chunk is caught after megabytes went out, and nothing stays', async () => {
    const caseId = createCase(vault.session.db, vault.session.user, packetIntake(), vault.now()).id;
    const body = randomBytes(CHUNK_BYTES * 32);
    const path = join(tmp.root, 'disk-image.bin');
    writeFileSync(path, body);
    const item = await addEvidenceFromPath(vault.session, { caseId, path, receivedOn: '2026-11-05' }, vault.now());
    vault.session.db.prepare('UPDATE evidence_chunks SET data = ? WHERE evidence_id = ? AND seq = 31').run(randomBytes(CHUNK_BYTES), item.id);
    const medium = countingFs();
    const request = { caseId, profile: 'fbi_referral' as const, selection: { evidenceIds: [item.id] }, key: { kind: 'recipient' as const, recipient: keys.recipient }, purpose: 'Referral', targetDir: tmp.medium };
    const failure = await exportPacket(vault.session, request, { now: vault.now(), fs: medium.fs }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('integrity');
    expect((failure as AppError).message).toMatch(/no longer matches .* recorded at intake.*partial file was removed/);
    // A whole-file copy would have found the damage before writing a byte.
    expect(medium.written()).toBeGreaterThan(CHUNK_BYTES * 16);
    expect(readdirSync(tmp.medium)).toEqual([]);
    expect(vault.session.db.prepare("SELECT count(*) FROM custody_events WHERE action = 'packet_export'").pluck().get()).toBe(0);
  });

  it('writes a streamed packet that the age CLI opens and tar lists, with the evidence byte for byte', async () => {
    const caseId = createCase(vault.session.db, vault.session.user, packetIntake(), vault.now()).id;
    const body = randomBytes(CHUNK_BYTES * 5 + 123);
    const path = join(tmp.root, 'capture.bin');
    writeFileSync(path, body);
    const item = await addEvidenceFromPath(vault.session, { caseId, path, receivedOn: '2026-11-05' }, vault.now());
    const medium = countingFs();
    const result = await exportPacket(
      vault.session,
      { caseId, profile: 'fbi_referral', selection: { evidenceIds: [item.id] }, key: { kind: 'recipient', recipient: keys.recipient }, purpose: 'Referral', targetDir: tmp.medium },
      { now: vault.now(), fs: medium.fs },
    );
    expect(medium.maxWrite()).toBeLessThanOrEqual(1024 * 1024);
    const file = readFileSync(result.path);
    expect(file.length).toBe(result.bytes);
    expect(createHash('sha256').update(file).digest('hex')).toBe(result.sha256);
    const tarPath = join(tmp.root, 'packet.tar');
    execFileSync('age', ['-d', '-i', keys.keyFile, '-o', tarPath, result.path]);
    const listing = execFileSync('tar', ['-tf', tarPath], { encoding: 'utf8' }).trim().split('\n');
    expect(listing.slice(0, 3)).toEqual(['manifest.json', 'manifest.sig', 'signer.pem']);
    expect(listing).toContain('evidence/capture.bin');
    const out = join(tmp.root, 'out');
    execFileSync('mkdir', ['-p', out]);
    execFileSync('tar', ['-xf', tarPath, '-C', out]);
    expect(readFileSync(join(out, 'evidence', 'capture.bin')).equals(body)).toBe(true);
  });
});

describe('packet import streams medium → age → tar → vault', () => {
  async function exportWith(body: Buffer): Promise<{ path: string; packetId: string }> {
    const caseId = createCase(vault.session.db, vault.session.user, packetIntake(), vault.now()).id;
    const path = join(tmp.root, 'capture.bin');
    writeFileSync(path, body);
    const item = await addEvidenceFromPath(vault.session, { caseId, path, receivedOn: '2026-11-05' }, vault.now());
    return exportPacket(
      vault.session,
      { caseId, profile: 'fbi_referral', selection: { evidenceIds: [item.id] }, key: { kind: 'recipient', recipient: keys.recipient }, purpose: 'Referral', targetDir: tmp.medium },
      { now: vault.now() },
    );
  }

  it('stores the evidence in chunks byte for byte, and a file damaged behind an intact manifest leaves no case and nothing staged', async () => {
    const body = randomBytes(CHUNK_BYTES * 3 + 777);
    const packet = await exportWith(body);
    const receiver = await receivingVault(tmp.root);
    try {
      const db = receiver.session.db;
      await pinKey(receiver.session, 'Hub West', ownPublicKey(vault.session.db).publicKeyPem, receiver.now());
      const key = { kind: 'identities' as const, identities: [keys.identity] };

      // The same packet with one byte of the evidence changed, re-encrypted to the same key.
      const decrypter = new Decrypter();
      decrypter.addIdentity(keys.identity);
      const archive = Buffer.from(await decrypter.decrypt(readFileSync(packet.path)));
      const at = archive.indexOf(body.subarray(0, 64)) + CHUNK_BYTES * 2;
      archive[at] = (archive[at] ?? 0) ^ 0xff;
      const damaged = join(tmp.root, 'damaged.offramp-packet');
      writeFileSync(damaged, await encryptPacket(archive, { kind: 'recipient', recipient: keys.recipient }));
      await expect(importPacket(receiver.session, damaged, key, receiver.now())).rejects.toMatchObject({
        code: 'integrity',
        message: expect.stringMatching(/evidence\/capture\.bin does not match its SHA-256 in the manifest/) as string,
      });
      expect(db.prepare('SELECT count(*) FROM packet_import_chunks').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM evidence_chunks').pluck().get()).toBe(0);

      const imported = await importPacket(receiver.session, packet.path, key, receiver.now());
      const stored = db.prepare("SELECT id FROM evidence WHERE case_id = ? AND name = 'capture.bin'").pluck().get(imported.caseId) as string;
      expect(db.prepare('SELECT length(data) FROM evidence_chunks WHERE evidence_id = ? ORDER BY seq').pluck().all(stored)).toEqual([CHUNK_BYTES, CHUNK_BYTES, CHUNK_BYTES, 777]);
      expect((await readEvidenceContent(db, imported.caseId, stored)).equals(body)).toBe(true);
      expect(db.prepare('SELECT count(*) FROM packet_import_chunks').pluck().get()).toBe(0);
    } finally {
      receiver.cleanup();
    }
  });
});
