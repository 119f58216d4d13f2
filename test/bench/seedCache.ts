import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DATABASE_FILE, type Db } from '../../electron/backend/vault/database';
import type { KdfProfile } from '../../electron/backend/vault/kdf';
import { HEADER_FILE } from '../../electron/backend/vault/keyslots';
import { LATEST_VERSION } from '../../electron/backend/vault/migrations';
import { openWithRecoveryKey } from '../../electron/backend/vault/vault';
import { openPlainDatabase } from './plainDatabase';
import { createHub, fillCases } from './seed';

/**
 * Seeded hubs kept under bench/tmp and reused by later runs with the same size,
 * seed and generator; each run works on a fresh copy, so what the benchmark
 * writes never changes the seed. A hub seeded under an older schema is reused
 * and its copies migrated, as the app migrates a vault at unlock.
 */
// 2: seeds made before the retention migration took schema version 3 (the index
// migration is version 4 since); a version-1 seed's schema number is not comparable.
export const GENERATOR_VERSION = 2;

/** The synthetic users' passphrase: the data is fictional and stays under bench/tmp. */
export const BENCH_PASSPHRASE = 'synthetic hub ledger quartz meadow';

const manifestSchema = z.object({
  generator: z.number(),
  schema: z.number(),
  cases: z.number(),
  seed: z.number(),
  kdf: z.string(),
  seconds: z.number(),
  auditEvents: z.number(),
});
export type SeedManifest = z.infer<typeof manifestSchema>;

export interface SeededHub {
  dir: string;
  vaultDir: string;
  plainPath: string;
  recoveryKey: string;
  manifest: SeedManifest;
  /** True when this run seeded it (false: reused). */
  fresh: boolean;
}

function readManifest(dir: string): SeedManifest | null {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(join(dir, 'seed.json'), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** How to start a child process of the bench bundle (null: do the work in this process). */
export type ChildCommand = { command: string; args: readonly string[] } | null;

export interface FillInput {
  target: 'encrypted' | 'plain';
  vaultDir: string;
  plainPath: string;
  recoveryKey: string;
  cases: number;
  seed: number;
}

/** The child side of a parallel seed: fills one of the two databases. */
export function fillOne(input: FillInput, progress?: (done: number, total: number) => void): number {
  const db = input.target === 'encrypted' ? openWithRecoveryKey(input.vaultDir, input.recoveryKey) : openPlainDatabase(input.plainPath);
  try {
    return fillCases(db, { cases: input.cases, seed: input.seed, progress }).auditEvents;
  } finally {
    db.close();
  }
}

function fillInChild(child: NonNullable<ChildCommand>, input: FillInput): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(child.command, [...child.args, 'fill'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code === 0) resolvePromise(Number(out.trim()));
      else reject(new Error(`filling the ${input.target} database stopped (exit ${code ?? 'signal'})`));
    });
    // The recovery key goes through standard input, never argv.
    proc.stdin.end(JSON.stringify(input));
  });
}

/**
 * Seeds a hub (or reuses one): the vault and its users here, then the cases into
 * the vault and into its plain twin — in two child processes at once when
 * `child` is given (one per core), else one after the other.
 */
export async function ensureSeed(tmpDir: string, cases: number, seed: number, kdf: KdfProfile, child: ChildCommand, progress?: (done: number, total: number) => void): Promise<SeededHub> {
  const dir = join(tmpDir, `seed-${cases}-s${seed}${kdf === 'default' ? '' : '-fastkdf'}`);
  const vaultDir = join(dir, 'vault');
  const plainPath = join(dir, 'plain.db');
  const keyFile = join(dir, 'recovery-key.txt');
  const found = readManifest(dir);
  if (found !== null && found.generator === GENERATOR_VERSION && found.schema <= LATEST_VERSION && found.cases === cases && found.seed === seed && found.kdf === kdf && existsSync(keyFile)) {
    return { dir, vaultDir, plainPath, recoveryKey: readFileSync(keyFile, 'utf8').trim(), manifest: found, fresh: false };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const { recoveryKey } = await createHub({ cases, seed, vaultDir, plainPath, passphrase: BENCH_PASSPHRASE, kdf });
  writeFileSync(keyFile, `${recoveryKey}\n`, { mode: 0o600 });
  const base = { vaultDir, plainPath, recoveryKey, cases, seed };
  const [auditEvents] =
    child === null
      ? [fillOne({ ...base, target: 'encrypted' }, progress), fillOne({ ...base, target: 'plain' })]
      : await Promise.all([fillInChild(child, { ...base, target: 'encrypted' }), fillInChild(child, { ...base, target: 'plain' })]);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const manifest: SeedManifest = { generator: GENERATOR_VERSION, schema: LATEST_VERSION, cases, seed, kdf, seconds, auditEvents: auditEvents ?? 0 };
  // Written last: a seed interrupted before this line is seeded again next time.
  writeFileSync(join(dir, 'seed.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, vaultDir, plainPath, recoveryKey, manifest, fresh: true };
}

export interface RunCopy {
  vaultDir: string;
  plainPath: string;
  bytes: { vault: number; plain: number };
  /** Set when the seed's schema was older: how long migrating each copy took. */
  migrated: { from: number; to: number; encryptedMs: number; plainMs: number } | null;
}

/** A fresh working copy of a seeded hub in `runDir`, replacing any earlier one, at the current schema. */
export function copyForRun(hub: SeededHub, runDir: string): RunCopy {
  rmSync(runDir, { recursive: true, force: true });
  const vaultDir = join(runDir, 'vault');
  mkdirSync(vaultDir, { recursive: true, mode: 0o700 });
  for (const file of [HEADER_FILE, DATABASE_FILE]) copyFileSync(join(hub.vaultDir, file), join(vaultDir, file));
  const plainPath = join(runDir, 'plain.db');
  copyFileSync(hub.plainPath, plainPath);
  let migrated: RunCopy['migrated'] = null;
  if (hub.manifest.schema < LATEST_VERSION) {
    // Opening runs the migrations, as unlocking does in the app.
    const timed = (open: () => Db) => {
      const started = performance.now();
      open().close();
      return Math.round(performance.now() - started);
    };
    migrated = {
      from: hub.manifest.schema,
      to: LATEST_VERSION,
      encryptedMs: timed(() => openWithRecoveryKey(vaultDir, hub.recoveryKey)),
      plainMs: timed(() => openPlainDatabase(plainPath)),
    };
  }
  return { vaultDir, plainPath, bytes: { vault: statSync(join(vaultDir, DATABASE_FILE)).size, plain: statSync(plainPath).size }, migrated };
}
