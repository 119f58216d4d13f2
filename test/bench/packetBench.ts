import { generateIdentity, identityToRecipient } from 'age-encryption';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { addEvidenceBytes } from '../../electron/backend/services/evidence';
import { exportPacket } from '../../electron/backend/services/packetExport';
import type { VaultSession } from '../../electron/backend/vault/session';
import { SYNTH_NOW } from './hub';
import { summarize, timeOnceAsync, type Summary } from './stats';

/** Not measured: the plain twin has no user key pair to sign a packet with. */
export interface PacketNotMeasured {
  measured: false;
  reason: string;
}

export interface PacketFigure {
  measured: true;
  evidenceBytes: number;
  packetBytes: number;
  /** Taking the evidence files into the vault (hash, encrypted write, audit). */
  evidenceIntakeMs: number;
  /** The whole export: minimize, seal and sign, self-check, age-encrypt, atomic write, read-back, record. */
  exportMs: Summary;
}

const MiB = 1024 * 1024;

/**
 * Exports a referral packet of one case carrying 20 MiB of evidence (two 10 MiB
 * files of random bytes, which no layer can compress) to an age recipient,
 * `reps` times, into `mediaDir` standing in for a removable volume.
 */
export async function measurePacketExport(session: VaultSession, caseId: string, mediaDir: string, reps: number): Promise<PacketFigure> {
  mkdirSync(mediaDir, { recursive: true });
  const files = [randomBytes(10 * MiB), randomBytes(10 * MiB)];
  const evidenceIds: string[] = [];
  const evidenceIntakeMs = await timeOnceAsync(async () => {
    for (const [i, content] of files.entries()) {
      const item = await addEvidenceBytes(session, { caseId, name: `Server log extract ${i + 1}.bin`, mediaType: 'application/octet-stream', receivedOn: '2026-11-18', source: 'Cybersecurity operations', content }, SYNTH_NOW);
      evidenceIds.push(item.id);
    }
  });
  const recipient = await identityToRecipient(await generateIdentity());
  const samples: number[] = [];
  let packetBytes = 0;
  for (let i = 0; i < reps; i += 1) {
    samples.push(
      await timeOnceAsync(async () => {
        const result = await exportPacket(
          session,
          { caseId, profile: 'fbi_referral', selection: { evidenceIds }, key: { kind: 'recipient', recipient }, purpose: 'Referral for investigation', targetDir: mediaDir },
          { now: SYNTH_NOW },
        );
        packetBytes = result.bytes;
        rmSync(result.path, { force: true });
      }),
    );
  }
  return { measured: true, evidenceBytes: files.reduce((n, f) => n + f.length, 0), packetBytes, evidenceIntakeMs: Math.round(evidenceIntakeMs), exportMs: summarize(samples) };
}
