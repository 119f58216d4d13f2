import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase } from '../../electron/backend/services/cases';
import { addEvidenceFromPath } from '../../electron/backend/services/evidence';
import { exportPacket } from '../../electron/backend/services/packetExport';
import { ageKeys, packetIntake, scratch, type AgeKeys } from '../helpers/packets';
import { createTestVault, type TestVault } from '../helpers/vault';

const MiB = 1024 * 1024;
/** The packet is this large; the reading process may grow by at most half of it (a reader holding the file and its plaintext grows by twice its size). */
const FILES = 2;
/** Each under the 64 MiB an evidence file may have. */
const FILE_BYTES = 48 * MiB;
const EVIDENCE_BYTES = FILES * FILE_BYTES;
const MAX_GROWTH = 48 * MiB;

let vault: TestVault;
let tmp: ReturnType<typeof scratch>;
let keys: AgeKeys;
beforeEach(async () => {
  vault = await createTestVault();
  tmp = scratch('offramp-packet-memory-');
  keys = await ageKeys(tmp.root);
});
afterEach(() => {
  vault.cleanup();
  tmp.cleanup();
});

describe('a large packet is verified in bounded memory', () => {
  it('a child process with a 32 MiB heap reads and checks a 96 MiB age packet, growing far less than the packet', async () => {
    const caseId = createCase(vault.session.db, vault.session.user, packetIntake(), vault.now()).id;
    const block = randomBytes(MiB);
    const evidenceIds: string[] = [];
    for (let f = 0; f < FILES; f++) {
      const path = join(tmp.root, `image-${f}.bin`);
      const fd = openSync(path, 'w');
      for (let i = 0; i < FILE_BYTES / MiB; i++) {
        block.writeUInt32BE(f * 1000 + i, 0);
        writeSync(fd, block);
      }
      closeSync(fd);
      evidenceIds.push((await addEvidenceFromPath(vault.session, { caseId, path, receivedOn: '2026-11-05' }, vault.now())).id);
    }
    const packet = await exportPacket(
      vault.session,
      { caseId, profile: 'fbi_referral', selection: { evidenceIds }, key: { kind: 'recipient', recipient: keys.recipient }, purpose: 'Referral', targetDir: tmp.medium },
      { now: vault.now() },
    );
    expect(packet.bytes).toBeGreaterThan(EVIDENCE_BYTES);

    const child = join(tmp.root, 'readPacketChild.cjs');
    await build({ entryPoints: [join(__dirname, '../helpers/readPacketChild.ts')], outfile: child, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3-multiple-ciphers'], logLevel: 'warning' });
    // The bundle lives in a temporary folder: the native driver it loads (external) is found through NODE_PATH.
    const run = spawnSync(process.execPath, ['--max-old-space-size=32', child, packet.path, keys.identity], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_PATH: join(__dirname, '../../node_modules') } });
    expect(run.stdout.trim(), `the child wrote nothing (exit ${String(run.status)}, signal ${String(run.signal)}): ${run.stderr.slice(-2000)}`).not.toBe("");
    const out = JSON.parse(run.stdout.trim()) as { packetSha256: string; packetBytes: number; files: number; idle: number; peak: number; error?: string };
    expect(out.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(out.packetBytes).toBe(packet.bytes);
    expect(out.packetSha256).toBe(createHash('sha256').update(readFileSync(packet.path)).digest('hex'));
    expect(out.files).toBe(2 + FILES);
    // A reader that held the packet (or its plaintext) would grow by more than its size.
    expect(out.peak - out.idle, `grew by ${((out.peak - out.idle) / MiB).toFixed(1)} MiB`).toBeLessThan(MAX_GROWTH);
  }, 120_000);

  it('encrypting allocates no buffer per chunk: 16 MiB through age leaves under 2 MiB more in ArrayBuffers, in a child', async () => {
    const child = join(tmp.root, 'encryptAllocChild.cjs');
    await build({ entryPoints: [join(__dirname, '../helpers/encryptAllocChild.ts')], outfile: child, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
    // A 64 MB young generation: no collection runs unless buffers call for one, so the growth counts every buffer allocated.
    const run = spawnSync(process.execPath, ['--min-semi-space-size=64', child, '16'], { encoding: 'utf8', timeout: 60_000 });
    const out = JSON.parse(run.stdout.trim()) as { bytes: number; written: number; growth: number; error?: string };
    expect(out.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(out.written).toBe(out.bytes);
    // A chunk-sized buffer per 64 KiB sealed (or a copy for the MAC) would add 16 MiB or more.
    expect(out.growth, `grew by ${(out.growth / MiB).toFixed(1)} MiB`).toBeLessThan(2 * MiB);
  }, 60_000);
});
