import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract';
import { decryptPacket, encryptPacket } from '../../electron/backend/packets/ageLayer';
import { inspectArchive, type InspectedPacket } from '../../electron/backend/packets/inspect';
import { defaultPacketLimits } from '../../electron/backend/packets/limits';
import { readPacketBytes } from '../../electron/backend/packets/receive';
import { BLOCK } from '../../electron/backend/packets/ustar';
import { exportPacket } from '../../electron/backend/services/packetExport';
import { ownPublicKey, pinKey } from '../../electron/backend/services/packetKeys';
import { importPacket } from '../../electron/backend/services/packetReceive';
import { runOfframp } from '../helpers/cli';
import { fixChecksum, headerOffsets } from '../helpers/hostilePackets';
import { ageKeys, openPacketCase, receivingVault, scratch, type AgeKeys } from '../helpers/packets';
import { createTestVault, type TestVault } from '../helpers/vault';

// Mutated packets, thousands of them, through every layer: decryption, the
// archive reader, the verifier, extraction and import. None may crash, hang,
// write outside its output folder, or import anything but the genuine packet.

let vault: TestVault;
let receiver: TestVault;
let tmp: ReturnType<typeof scratch>;
let keys: AgeKeys;
let packet: Buffer;
let archive: Buffer;
let genuine: InspectedPacket;
let offsets: number[];

beforeAll(async () => {
  vault = await createTestVault();
  tmp = scratch('offramp-fuzz-');
  keys = await ageKeys(tmp.root);
  const kase = await openPacketCase(vault);
  const made = await exportPacket(
    vault.session,
    { caseId: kase.caseId, profile: 'fbi_referral', selection: { evidenceIds: kase.evidenceIds }, key: { kind: 'recipient', recipient: keys.recipient }, purpose: 'referral', targetDir: tmp.medium },
    { now: vault.now() },
  );
  packet = readFileSync(made.path);
  archive = Buffer.from(await decryptPacket(packet, { kind: 'identities', identities: [keys.identity] }));
  genuine = inspectArchive(archive, defaultPacketLimits);
  offsets = headerOffsets(archive);
  receiver = await receivingVault(tmp.root);
  await pinKey(receiver.session, 'Hub West', ownPublicKey(vault.session.db).publicKeyPem, receiver.now());
});
afterAll(() => {
  receiver.cleanup();
  vault.cleanup();
  tmp.cleanup();
});

const key = () => ({ kind: 'identities' as const, identities: [keys.identity] });

/** What a packet says and holds; equal for the genuine packet and any harmless mutation of it. */
const contentOf = (p: InspectedPacket) => JSON.stringify([p.manifestSha256, p.manifest.files.map((f) => [f.name, Buffer.from(p.file(f.name)).toString('base64')])]);

type Edit = { kind: 'set'; at: number; value: number } | { kind: 'cut'; at: number } | { kind: 'insert'; at: number; bytes: Uint8Array } | { kind: 'drop'; at: number; length: number };

function apply(bytes: Buffer, edits: readonly Edit[]): Buffer {
  let out = Buffer.from(bytes);
  for (const e of edits) {
    const at = Math.min(e.at, out.length);
    if (e.kind === 'set' && at < out.length) out[at] = e.value;
    else if (e.kind === 'cut') out = out.subarray(0, at);
    else if (e.kind === 'insert') out = Buffer.concat([out.subarray(0, at), e.bytes, out.subarray(at)]);
    else if (e.kind === 'drop') out = Buffer.concat([out.subarray(0, at), out.subarray(at + e.length)]);
  }
  return out;
}

const edits = (length: number, hot: () => fc.Arbitrary<number>) => {
  const at = fc.oneof(fc.nat(length - 1), hot());
  return fc.array(
    fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), at, value: fc.integer({ min: 0, max: 255 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), at, bytes: fc.uint8Array({ minLength: 1, maxLength: 600 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), at, length: fc.integer({ min: 1, max: 600 }) }) },
    ),
    { minLength: 1, maxLength: 4 },
  );
};

function expectRefusal(error: unknown, codes: readonly string[]): void {
  expect(error).toBeInstanceOf(AppError);
  expect(codes).toContain((error as AppError).code);
  expect((error as AppError).message.length).toBeLessThan(400);
}

describe('fuzzing referral packets', () => {
  it('mutated ciphertexts are refused (integrity or wrong key), never accepted altered', async () => {
    const headerEnd = packet.indexOf('\n---') + 60;
    await fc.assert(
      fc.asyncProperty(edits(packet.length, () => fc.nat(headerEnd)), async (list) => {
        const mutated = apply(packet, list);
        try {
          const read = await readPacketBytes(mutated, key());
          expect(contentOf(read.packet)).toBe(contentOf(genuine));
        } catch (error) {
          expectRefusal(error, ['integrity', 'auth_failed']);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('mutated archives are refused as damaged, or read back with exactly the genuine content', () => {
    fc.assert(
      fc.property(
        edits(archive.length, () => fc.constantFrom(...offsets).chain((o) => fc.integer({ min: o, max: o + BLOCK - 1 }))),
        fc.boolean(),
        (list, fix) => {
          const mutated = apply(archive, list);
          // Half the time repair the checksums, so the reader's later checks are reached too.
          if (fix) for (let at = 0; at + BLOCK <= mutated.length; at += BLOCK) if (offsets.includes(at)) fixChecksum(mutated, at);
          try {
            expect(contentOf(inspectArchive(mutated, defaultPacketLimits))).toBe(contentOf(genuine));
          } catch (error) {
            expectRefusal(error, ['integrity']);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('hostile packets through open and import: nothing outside the output folder, nothing imported but the genuine packet', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(edits(archive.length, () => fc.constantFrom(...offsets).chain((o) => fc.integer({ min: o, max: o + BLOCK - 1 }))), async (list) => {
        n += 1;
        const mutated = apply(archive, list);
        for (const at of offsets) if (at + BLOCK <= mutated.length) fixChecksum(mutated, at);
        const file = join(tmp.root, `fuzz-${n}.offramp-packet`);
        writeFileSync(file, await encryptPacket(mutated, { kind: 'recipient', recipient: keys.recipient }));
        const out = join(tmp.root, `fuzz-out-${n}`);
        const open = await runOfframp(['packet', 'open', file, '--identity', keys.keyFile, '--out', out]);
        if (open.code === 0) {
          expect(readdirSync(out).sort()).toEqual(['case.json', 'custody.json', 'evidence', 'manifest.json', 'manifest.sig', 'signer.pem']);
        } else {
          expect(open.code).toBe(4);
          expect(existsSync(out)).toBe(false);
        }
        try {
          const imported = await importPacket(receiver.session, file, key(), receiver.now());
          expect(imported.packetId).toBe(genuine.manifest.packetId);
        } catch (error) {
          expectRefusal(error, ['integrity', 'conflict']);
        }
      }),
      { numRuns: 150 },
    );
    const cases = receiver.session.db.prepare('SELECT source_packet_id FROM cases').all() as { source_packet_id: string }[];
    expect(cases.every((c) => c.source_packet_id === genuine.manifest.packetId)).toBe(true);
    expect(cases.length).toBeLessThanOrEqual(1);
    const unexpected = readdirSync(tmp.root).filter((name) => !/^(fuzz-\d+\.offramp-packet|fuzz-out-\d+|medium|key\.txt|receiver-real-[a-z0-9]+)$/.test(name));
    expect(unexpected).toEqual([]);
  });
});
