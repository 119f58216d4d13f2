import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeMediaFs, writeFileAtomically, type MediaFile, type MediaFs } from '../../electron/backend/packets/media';
import { addEvidenceBytes } from '../../electron/backend/services/evidence';
import { exportPacket } from '../../electron/backend/services/packetExport';
import { ageKeys, openPacketCase, scratch, type PacketCase } from '../helpers/packets';
import { createTestVault, type TestVault } from '../helpers/vault';

let vault: TestVault;
let tmp: ReturnType<typeof scratch>;
let kase: PacketCase;
let recipient: string;

beforeEach(async () => {
  vault = await createTestVault();
  tmp = scratch('offramp-media-');
  kase = await openPacketCase(vault);
  recipient = (await ageKeys(tmp.root)).recipient;
});
afterEach(() => {
  vault.cleanup();
  tmp.cleanup();
});

const errno = (code: string) => Object.assign(new Error(code), { code });

/** node:fs, except where a test makes the medium misbehave. */
function medium(overrides: Partial<MediaFs> & { wrapFile?: (file: MediaFile) => MediaFile } = {}): MediaFs {
  const { wrapFile, ...rest } = overrides;
  return {
    ...nodeMediaFs,
    open: async (path, mode) => {
      const file = await nodeMediaFs.open(path, mode);
      return wrapFile === undefined ? file : wrapFile(file);
    },
    ...rest,
  };
}

/** A medium that fills up after `capacity` bytes of the packet. */
const fillsUpAfter = (capacity: number) =>
  medium({
    wrapFile: (file) => ({
      ...file,
      write: async (data, position) => {
        if (position + data.length > capacity) {
          if (position < capacity) await file.write(data.subarray(0, capacity - position), position);
          throw errno('ENOSPC');
        }
        return file.write(data, position);
      },
    }),
  });

function exportTo(dir: string, fs?: MediaFs, evidence = true) {
  return exportPacket(
    vault.session,
    { caseId: kase.caseId, profile: 'fbi_referral', selection: { evidenceIds: evidence ? kase.evidenceIds : [] }, key: { kind: 'recipient', recipient }, purpose: 'referral', targetDir: dir },
    { now: vault.now(), fs },
  );
}

/** The vault holds no trace of an export: no packet row, no custody event, no audit event. */
function expectNoExportRecorded(): void {
  const db = vault.session.db;
  expect((db.prepare('SELECT count(*) AS n FROM packets').get() as { n: number }).n).toBe(0);
  expect((db.prepare("SELECT count(*) AS n FROM custody_events WHERE action IN ('packet_export', 'copied_to_packet')").get() as { n: number }).n).toBe(0);
  expect((db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'packet.export'").get() as { n: number }).n).toBe(0);
}

describe('writing a packet to a misbehaving medium (injected file system)', () => {
  it('a medium that fills up mid-write: an io error, the partial file removed, nothing recorded', async () => {
    await expect(exportTo(tmp.medium, fillsUpAfter(2000))).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(/the medium is full\. The partial file was removed\.$/) as string,
    });
    expect(readdirSync(tmp.medium)).toEqual([]);
    expectNoExportRecorded();
  });

  it('too little free space: refused before anything is written', async () => {
    await expect(exportTo(tmp.medium, medium({ freeBytes: () => Promise.resolve(1000) }))).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(/needs \d+ KiB and the medium has 1 KiB free\. Nothing was written\.$/) as string,
    });
    expect(readdirSync(tmp.medium)).toEqual([]);
    expectNoExportRecorded();
  });

  it('a read-only medium, a refused permission, a medium removed before or during the write', async () => {
    const failures: [MediaFs, RegExp][] = [
      [medium({ open: () => Promise.reject(errno('EROFS')) }), /the medium is read-only\. Nothing was written\./],
      [medium({ open: () => Promise.reject(errno('EACCES')) }), /permission to write there is denied\. Nothing was written\./],
      [medium({ isDirectory: () => Promise.resolve(false) }), /is not a folder \(is the medium mounted\?\)/],
      [medium({ rename: () => Promise.reject(errno('ENOENT')) }), /the folder is gone \(was the medium removed\?\)\. The partial file was removed\./],
      [medium({ wrapFile: (f) => ({ ...f, sync: () => Promise.reject(errno('EIO')) }) }), /input\/output error .*The partial file was removed\./],
    ];
    for (const [fs, message] of failures) {
      await expect(exportTo(tmp.medium, fs, false)).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(message) as string });
      expect(readdirSync(tmp.medium)).toEqual([]);
    }
    expectNoExportRecorded();
  });

  it('a medium that returns other bytes than were written: the file is removed and the export refused', async () => {
    const lying = medium({
      wrapFile: (file) => ({
        ...file,
        read: async (into, position) => {
          const n = await file.read(into, position);
          if (position === 0 && n > 100) into[100] = (into[100] ?? 0) ^ 0xff;
          return n;
        },
      }),
    });
    await expect(exportTo(tmp.medium, lying, false)).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('differs from what was written. The partial file was removed.') as string });
    expect(readdirSync(tmp.medium)).toEqual([]);
    expectNoExportRecorded();
  });

  it('reports progress chunk by chunk and never overwrites a file already there', async () => {
    const data = randomBytes(10_500);
    const seen: number[] = [];
    const written = await writeFileAtomically(tmp.medium, 'a.bin', data, { chunkBytes: 1000, onProgress: (p) => seen.push(p.bytesWritten) });
    expect(seen).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 10500]);
    expect(written.path).toBe(join(tmp.medium, 'a.bin'));
    await expect(writeFileAtomically(tmp.medium, 'a.bin', data)).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('already there') as string });
    expect(readdirSync(tmp.medium)).toEqual(['a.bin']);
  });
});

/** A real 1 MiB tmpfs, when this process may mount one (root in CI); otherwise these tests are skipped. */
const mountPoint = scratch('offramp-tmpfs-');
const canMount = (() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', mountPoint.medium], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

afterAll(() => mountPoint.cleanup());

describe.runIf(canMount)('writing a packet to a real 1 MiB tmpfs', () => {
  afterAll(() => {
    execFileSync('umount', [mountPoint.medium]);
  });

  it('refuses a packet larger than the free space, then hits the real ENOSPC when the check is bypassed, leaving nothing', async () => {
    const big = randomBytes(1_300_000);
    await addEvidenceBytes(vault.session, { caseId: kase.caseId, name: 'capture.bin', mediaType: 'application/octet-stream', receivedOn: '2026-11-05', source: 'x', content: big }, vault.now());
    const all = (vault.session.db.prepare('SELECT id FROM evidence WHERE case_id = ?').all(kase.caseId) as { id: string }[]).map((r) => r.id);
    const run = (fs?: MediaFs) =>
      exportPacket(
        vault.session,
        { caseId: kase.caseId, profile: 'fbi_referral', selection: { evidenceIds: all }, key: { kind: 'recipient', recipient }, purpose: 'referral', targetDir: mountPoint.medium },
        { now: vault.now(), fs },
      );
    await expect(run()).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/free\. Nothing was written\.$/) as string });
    expect(readdirSync(mountPoint.medium)).toEqual([]);
    await expect(run(medium({ freeBytes: () => Promise.resolve(1e12) }))).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(/the medium is full\. The partial file was removed\.$/) as string,
    });
    expect(readdirSync(mountPoint.medium)).toEqual([]);
    expectNoExportRecorded();
  });

  it('writes a small packet, then refuses cleanly once the medium is remounted read-only', async () => {
    const ok = await exportTo(mountPoint.medium, undefined, false);
    expect(readdirSync(mountPoint.medium)).toEqual([ok.fileName]);
    execFileSync('mount', ['-o', 'remount,ro', mountPoint.medium]);
    try {
      await expect(exportTo(mountPoint.medium, undefined, false)).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('the medium is read-only. Nothing was written.') as string });
      expect(readdirSync(mountPoint.medium)).toEqual([ok.fileName]);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mountPoint.medium]);
    }
  });
});
