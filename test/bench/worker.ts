import type { NewIndicator } from '../../shared/contract/cases';
import { readCaseRecord } from '../../electron/backend/services/caseStore';
import { listCases, viewCase } from '../../electron/backend/services/cases';
import { addIndicator } from '../../electron/backend/services/casework';
import { homeSummary } from '../../electron/backend/services/home';
import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { appVersion } from '../../electron/backend/appVersion';
import { createBackup } from '../../electron/backend/services/backup';
import { verifyAudit } from '../../electron/backend/vault/audit';
import { verifyAuditIncremental, writeAuditMark } from '../../electron/backend/vault/auditMark';
import { databasePath, type Db } from '../../electron/backend/vault/database';
import type { VaultSession } from '../../electron/backend/vault/session';
import { openWithRecoveryKey, sessionDatabaseKey, unlockVault, userSigningKey } from '../../electron/backend/vault/vault';
import { hubManager, SYNTH_NOW } from './hub';
import { measurePacketExport, type PacketFigure, type PacketNotMeasured } from './packetBench';
import { openPlainDatabase } from './plainDatabase';
import { createRng } from './prng';
import { listShapes, searchQueries } from './queries';
import { summarize, timeOnce, timeOnceAsync, type Summary } from './stats';

export type Variant = 'encrypted' | 'plain';

export interface WorkerInput {
  variant: Variant;
  vaultDir: string;
  plainPath: string;
  passphrase: string;
  recoveryKey: string;
  seed: number;
  /** Where packets are written (a folder standing in for removable media). */
  mediaDir: string;
  /** Fewer repetitions (tests). */
  reps?: typeof defaultReps;
}

export interface WorkerResult {
  variant: Variant;
  unlockWithKdf: Summary | null;
  openDatabase: Summary;
  caseList: { name: string; total: number; ms: Summary }[];
  /** The home screen after unlock: counts, overdue reviews, pending obligations, my cases. */
  homeSummary: Summary;
  search: { ms: Summary; meanHits: number; queries: number };
  readCase: Summary;
  viewCase: Summary;
  indicatorWrite: { ms: Summary; writesPerSecond: number };
  /** The same writes without waiting for the disk (synchronous=OFF): what the flush costs. Diagnostic only. */
  indicatorWriteNoFlush: Summary;
  auditVerify: { ms: number; events: number; ok: boolean };
  /** Encrypted only: audit verify continuing from the signed mark left by the full walk, after the packet exports' events. */
  auditVerifyIncremental: { ms: number; walked: number; ok: boolean } | null;
  /** Encrypted only: a verified backup to a folder, beside copying the same database file and fsyncing the copy. */
  backup: { ms: number; cpMs: number; ratio: number | null; bytes: number } | null;
  packetExport: PacketFigure | PacketNotMeasured;
  /** Peak resident memory of the process before the packet export, and overall. */
  peakRssBeforePacketMb: number;
  peakRssMb: number;
}

const defaultReps = { unlock: 3, open: 20, list: 30, search: 100, cases: 100, writes: 200, packets: 3 };

// maxRSS is in kilobytes on Linux.
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/**
 * One side of the comparison, run in its own process so its peak memory is its
 * own: unlocks (or opens) the database, then measures the case list, search,
 * opening cases, adding indicators and verifying the audit log, in that order.
 */
export async function runWorker(input: WorkerInput, log: (line: string) => void): Promise<WorkerResult> {
  const reps = input.reps ?? defaultReps;
  const clock = () => SYNTH_NOW;
  const encrypted = input.variant === 'encrypted';

  log(`${input.variant}: unlock`);
  let unlockWithKdf: Summary | null = null;
  if (encrypted) {
    const samples: number[] = [];
    for (let i = 0; i < reps.unlock; i += 1) {
      let session: VaultSession | null = null;
      samples.push(await timeOnceAsync(async () => {
        session = await unlockVault(input.vaultDir, hubManager.name, input.passphrase, { now: clock });
      }));
      (session as VaultSession | null)?.close();
    }
    unlockWithKdf = summarize(samples);
  }
  const open = (): Db => (encrypted ? openWithRecoveryKey(input.vaultDir, input.recoveryKey) : openPlainDatabase(input.plainPath));
  const openSamples: number[] = [];
  for (let i = 0; i < reps.open; i += 1) {
    let db: Db | null = null;
    openSamples.push(timeOnce(() => {
      db = open();
    }));
    (db as Db | null)?.close();
  }

  const session = encrypted ? await unlockVault(input.vaultDir, hubManager.name, input.passphrase, { now: clock }) : plainSession(openPlainDatabase(input.plainPath));
  const db = session.db;
  try {
    log(`${input.variant}: case list`);
    const caseList: { name: string; total: number; ms: Summary }[] = [];
    for (const shape of listShapes) {
      await listCases(db, shape.input);
      let total = 0;
      const samples: number[] = [];
      for (let i = 0; i < reps.list; i += 1) {
        samples.push(
          await timeOnceAsync(async () => {
            total = (await listCases(db, shape.input)).total ?? 0;
          }),
        );
      }
      caseList.push({ name: shape.name, total, ms: summarize(samples) });
    }

    await homeSummary(db, hubManager, SYNTH_NOW.toISOString().slice(0, 10));
    const homeSamples: number[] = [];
    for (let i = 0; i < reps.list; i += 1) homeSamples.push(await timeOnceAsync(async () => void (await homeSummary(db, hubManager, SYNTH_NOW.toISOString().slice(0, 10)))));

    log(`${input.variant}: search`);
    const queries = searchQueries(input.seed, reps.search);
    for (const q of searchQueries(input.seed + 1, 10)) await listCases(db, { query: q });
    let hits = 0;
    const searchSamples: number[] = [];
    for (const q of queries) {
      searchSamples.push(
        await timeOnceAsync(async () => {
          hits += (await listCases(db, { query: q, limit: 100 })).total ?? 0;
        }),
      );
    }

    log(`${input.variant}: open cases`);
    const ids = pickCases(db, input.seed, reps.cases);
    const readSamples = ids.map((id) => timeOnce(() => void readCaseRecord(db, id)));
    const viewIds = pickCases(db, input.seed + 2, reps.cases);
    const viewSamples = viewIds.map((id) => timeOnce(() => void viewCase(session, id, SYNTH_NOW)));

    log(`${input.variant}: add indicators`);
    const writeIds = pickCases(db, input.seed + 3, reps.writes, "status <> 'closed'");
    const started = performance.now();
    const writeSamples: number[] = [];
    for (const id of writeIds) writeSamples.push(await timeOnceAsync(async () => void (await addIndicator(session, id, null, newIndicator, SYNTH_NOW))));
    const writesPerSecond = Math.round(writeIds.length / ((performance.now() - started) / 1000));
    db.pragma('synchronous = OFF');
    const noFlushSamples: number[] = [];
    for (const id of pickCases(db, input.seed + 5, Math.ceil(reps.writes / 2), "status <> 'closed'")) noFlushSamples.push(await timeOnceAsync(async () => void (await addIndicator(session, id, null, newIndicator, SYNTH_NOW))));
    db.pragma('synchronous = FULL');

    log(`${input.variant}: verify the audit log`);
    let verification = { ok: false, events: 0 };
    const verifyMs = timeOnce(() => {
      verification = verifyAudit(db);
    });

    const peakRssBeforePacketMb = peakRssMb();
    log(`${input.variant}: export a packet with 20 MiB of evidence`);
    const packetCase = pickCases(db, input.seed + 4, 1, "status <> 'closed'")[0] ?? '';
    // Packets are signed with the exporting user's own key or the hub key sealed to
    // program managers; the plain twin's stand-in session holds neither.
    const packetExport = encrypted
      ? await measurePacketExport(session, packetCase, input.mediaDir, reps.packets)
      : ({ measured: false, reason: 'a packet is signed with a key the plain twin does not hold; export is measured on the encrypted vault' } as const);

    let auditVerifyIncremental: WorkerResult['auditVerifyIncremental'] = null;
    let backup: WorkerResult['backup'] = null;
    if (encrypted) {
      log(`${input.variant}: verify the audit log from its mark`);
      if (verification.ok) writeAuditMark(db, db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string }, userSigningKey(session), SYNTH_NOW);
      for (const id of pickCases(db, input.seed + 6, 20, "status <> 'closed'")) await addIndicator(session, id, null, newIndicator, SYNTH_NOW);
      let incremental = { ok: false, walked: 0 };
      const incrementalMs = timeOnce(() => {
        incremental = verifyAuditIncremental(db);
      });
      auditVerifyIncremental = { ms: Math.round(incrementalMs * 10) / 10, walked: incremental.walked, ok: incremental.ok };
      log(`${input.variant}: back up, and copy the same file`);
      db.pragma('wal_checkpoint(TRUNCATE)');
      const target = mkdtempSync(join(input.mediaDir, 'backup-'));
      try {
        let bytes = 0;
        const backupMs = await timeOnceAsync(async () => {
          bytes = (await createBackup({ db, vaultDir: input.vaultDir, dbKey: sessionDatabaseKey(session), actor: hubManager.name, signer: userSigningKey(session) }, { targetDir: target, appVersion: appVersion(), now: clock })).bytes;
        });
        const cpMs = timeOnce(() => {
          const copy = join(target, 'cp-of-vault.db');
          copyFileSync(databasePath(input.vaultDir), copy);
          const fd = openSync(copy, 'r+');
          try {
            fsyncSync(fd);
          } finally {
            closeSync(fd);
          }
        });
        backup = { ms: Math.round(backupMs), cpMs: Math.round(cpMs), ratio: cpMs > 0 ? Math.round((backupMs / cpMs) * 100) / 100 : null, bytes };
      } finally {
        rmSync(target, { recursive: true, force: true });
      }
    }

    return {
      variant: input.variant,
      unlockWithKdf,
      openDatabase: summarize(openSamples),
      caseList,
      homeSummary: summarize(homeSamples),
      search: { ms: summarize(searchSamples), meanHits: Math.round(hits / queries.length), queries: queries.length },
      readCase: summarize(readSamples),
      viewCase: summarize(viewSamples),
      indicatorWrite: { ms: summarize(writeSamples), writesPerSecond },
      indicatorWriteNoFlush: summarize(noFlushSamples),
      auditVerify: { ms: Math.round(verifyMs), events: verification.events, ok: verification.ok },
      auditVerifyIncremental,
      backup,
      packetExport,
      peakRssBeforePacketMb,
      peakRssMb: peakRssMb(),
    };
  } finally {
    session.close();
  }
}

/** Case ids picked evenly at random over the whole history, the same for both variants. */
export function pickCases(db: Db, seed: number, n: number, where: "status <> 'closed'" | '1' = '1'): string[] {
  const rows = db.prepare(`SELECT id FROM cases WHERE ${where} ORDER BY rowid`).all() as { id: string }[];
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rows[rng.int(rows.length)]?.id ?? '');
}

/** What the benchmark adds to a case: a typical indicator through the casework service. */
export const newIndicator: NewIndicator = {
  category: 'financial',
  stage: 'stressor',
  observedOn: '2026-11-18',
  summary: 'Wage garnishment notice',
  detail: 'Payroll received a garnishment notice covering unpaid loans; the employee asked a co-worker about payday lenders.',
  source: 'Payroll',
  corroboration: 'partially_corroborated',
  basis: 'fact',
};

/** A session over the plain twin, so viewCase runs the same code on it. */
export function plainSession(db: Db): VaultSession {
  let closed = false;
  return {
    user: { name: hubManager.name, role: 'program_manager', createdAt: SYNTH_NOW.toISOString() },
    db,
    dir: '',
    vaultId: 'plain',
    training: false,
    idleLockMinutes: 15,
    lastActivity: 0,
    masterKey: Buffer.alloc(32),
    get closed() {
      return closed;
    },
    close() {
      if (!closed) db.close();
      closed = true;
    },
  };
}
