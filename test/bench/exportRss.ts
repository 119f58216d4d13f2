import { generateIdentity, identityToRecipient } from 'age-encryption';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCase } from '../../electron/backend/services/cases';
import { addEvidenceFromPath } from '../../electron/backend/services/evidence';
import { exportPacket } from '../../electron/backend/services/packetExport';
import { createVault } from '../../electron/backend/vault/vault';
import { packetIntake } from '../helpers/packets';

/**
 * Peak backend RSS while exporting a packet with 20 MiB of evidence, against the
 * backend's idle RSS just before (target: at most 30 MB above idle). Evidence is
 * taken in by path first; the vault uses the fast test KDF so its 128 MiB scrypt
 * buffer is not part of either figure. Prints one JSON object.
 * Run alone: npm run bench:export-rss (OFFRAMP_BENCH_DIAG_GC=1 to collect garbage during the
 * export); npm run bench runs it in a child of its own (with the collector exposed) for each size.
 */

const MiB = 1024 * 1024;
const TARGET_MB = 30;
const now = () => new Date('2026-11-20T10:00:00Z');

const rssMb = () => process.memoryUsage.rss() / 1e6;
const gc = (globalThis as { gc?: () => void }).gc;

async function settle(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 50));
  }
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    sum += rssMb();
    await new Promise((r) => setTimeout(r, 10));
  }
  return sum / 10;
}

export interface ExportRssFigures {
  figure: 'export-rss';
  evidenceBytes: number;
  packetBytes: number;
  exportMs: number;
  idleRssMB: number;
  peakRssMB: number;
  aboveIdleMB: number;
  targetAboveIdleMB: number;
  withinTarget: boolean;
  gcExposed: boolean;
  forcedGcDuringExport: boolean;
}

export async function exportRss(): Promise<ExportRssFigures> {
  const root = mkdtempSync(join(tmpdir(), 'offramp-bench-rss-'));
  try {
    const { session } = await createVault(join(root, 'vault'), { userName: 'Bench Analyst', role: 'program_manager', passphrase: 'correct horse battery staple orbit', training: false }, { now, kdf: 'fast-insecure-for-tests' });
    const caseId = createCase(session.db, session.user, packetIntake(), now()).id;
    const evidenceIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const path = join(root, `extract-${i + 1}.bin`);
      writeFileSync(path, randomBytes(10 * MiB));
      evidenceIds.push((await addEvidenceFromPath(session, { caseId, path, receivedOn: '2026-11-18' }, now())).id);
      rmSync(path);
    }
    const medium = join(root, 'medium');
    mkdirSync(medium);
    const recipient = await identityToRecipient(await generateIdentity());
    const diagnoseGc = process.env['OFFRAMP_BENCH_DIAG_GC'] === '1';
    const idle = await settle();
    let peak = rssMb();
    let ticks = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb());
      if (diagnoseGc && ++ticks % 10 === 0) gc?.();
    }, 2);
    const started = performance.now();
    const result = await exportPacket(
      session,
      { caseId, profile: 'fbi_referral', selection: { evidenceIds }, key: { kind: 'recipient', recipient }, purpose: 'Referral for investigation', targetDir: medium },
      { now: now() },
    );
    const ms = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, rssMb());
    session.close();
    const above = peak - idle;
    return {
      figure: 'export-rss',
      evidenceBytes: 20 * MiB,
      packetBytes: result.bytes,
      exportMs: Math.round(ms),
      idleRssMB: Math.round(idle * 10) / 10,
      peakRssMB: Math.round(peak * 10) / 10,
      aboveIdleMB: Math.round(above * 10) / 10,
      targetAboveIdleMB: TARGET_MB,
      withinTarget: above <= TARGET_MB,
      gcExposed: gc !== undefined,
      /** OFFRAMP_BENCH_DIAG_GC=1: a collection every ~20 ms during the export, to tell live memory from garbage V8 has not collected yet. */
      forcedGcDuringExport: diagnoseGc,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
