import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { AppError } from '../../shared/contract';
import { insertCaseRecord } from '../../electron/backend/services/caseStore';
import type { Db } from '../../electron/backend/vault/database';
import type { KdfProfile } from '../../electron/backend/vault/kdf';
import type { VaultSession } from '../../electron/backend/vault/session';
import { setSetting } from '../../electron/backend/vault/settings';
import { addUser, createVault, openWithRecoveryKey } from '../../electron/backend/vault/vault';
import { lockMaintenance } from '../../electron/backend/vault/maintenance';
import { createAuditWriter, EventQueue } from './auditWriter';
import { hubAnalysts, hubManager, hubSpecialists, SYNTH_START } from './hub';
import { openPlainDatabase } from './plainDatabase';
import { createCaseSynthesizer } from './synth';
import { days } from './text';

export interface SeedOptions {
  readonly cases: number;
  readonly seed: number;
  /** A new vault is created here (the folder must not exist or be empty). */
  readonly vaultDir: string;
  readonly passphrase: string;
  readonly userName?: string;
  /** Also write the same data, unencrypted, to this file (for the benchmark). */
  readonly plainPath?: string;
  /** Only tests choose the fast, insecure KDF. */
  readonly kdf?: KdfProfile;
  /** Cases per transaction. */
  readonly batchSize?: number;
  readonly progress?: (done: number, total: number) => void;
}

export interface SeedResult {
  /** The new vault's recovery key (its database key), as `vault init` gives it. */
  recoveryKey: string;
  cases: number;
  auditEvents: number;
  seconds: number;
}

/**
 * Fills a new vault with a synthetic hub: its users, then `cases` cases opened
 * one after another over ten years, each with its report, indicators, analysis,
 * assessment, plan, reporting records and reviews, and the audit events that
 * history implies in time order. Cases go in through insertCaseRecord (the
 * import path, which also indexes them for search) in batched transactions.
 */
export async function seedVault(options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const { recoveryKey } = await createHub(options);
  let auditEvents: number;
  const vault = openWithRecoveryKey(options.vaultDir, recoveryKey);
  try {
    auditEvents = fillCases(vault, options).auditEvents;
  } finally {
    vault.close();
  }
  if (options.plainPath !== undefined) {
    const plain = openPlainDatabase(options.plainPath);
    try {
      fillCases(plain, { ...options, progress: undefined });
    } finally {
      plain.close();
    }
  }
  return { recoveryKey, cases: options.cases, auditEvents, seconds: (performance.now() - started) / 1000 };
}

/**
 * Creates the hub's vault with its users (and the plain twin, when asked), with
 * no cases yet; fillCases then writes the cases, into each database on its own,
 * so the two can be filled in parallel.
 */
export async function createHub(options: Omit<SeedOptions, 'progress' | 'batchSize'>): Promise<{ recoveryKey: string }> {
  if (!Number.isInteger(options.cases) || options.cases < 1) throw new AppError('invalid_input', 'The number of cases must be a positive whole number.');
  if (existsSync(options.vaultDir) && readdirSync(options.vaultDir).length > 0) {
    throw new AppError('conflict', `${options.vaultDir} is not empty: synthetic data goes into a new vault.`);
  }
  if (options.plainPath !== undefined && existsSync(options.plainPath)) throw new AppError('conflict', `${options.plainPath} already exists.`);
  const setupTime = () => new Date(SYNTH_START - days(7));
  const userName = options.userName ?? hubManager.name;
  const vaultOptions = { now: setupTime, kdf: options.kdf ?? 'default' } as const;
  const { session, recoveryKey } = await createVault(options.vaultDir, { userName, role: 'program_manager', passphrase: options.passphrase }, vaultOptions);
  try {
    for (const user of [...hubAnalysts, ...hubSpecialists]) {
      if (user.name.toLowerCase() !== userName.toLowerCase()) await addUser(session, { ...user, passphrase: options.passphrase }, vaultOptions);
    }
    if (options.plainPath !== undefined) {
      const plain = openPlainDatabase(options.plainPath, { create: true });
      try {
        copySetup(session, plain);
      } finally {
        plain.close();
      }
    }
  } finally {
    session.close();
  }
  return { recoveryKey };
}

/** Writes the hub's cases and their history into one database (the vault's or its twin). */
export function fillCases(db: Db, options: Pick<SeedOptions, 'cases' | 'seed' | 'batchSize' | 'progress'>): { auditEvents: number } {
  const audit = createAuditWriter(db);
  bulkLoad(db, true);
  try {
    const synth = createCaseSynthesizer(options.seed, options.cases);
    const queue = new EventQueue();
    const batchSize = options.batchSize ?? 250;
    for (let start = 0; start < options.cases; start += batchSize) {
      const end = Math.min(options.cases, start + batchSize);
      db.transaction(() => {
        for (let i = start; i < end; i += 1) {
          const { record, events } = synth.next(i);
          const opened = Date.parse(record.case.createdAt);
          for (const event of queue.takeUntil(opened - 1)) audit.append(event);
          insertCaseRecord(db, record);
          for (const event of events) queue.push(event);
          for (const event of queue.takeUntil(opened)) audit.append(event);
        }
        if (end === options.cases) for (const event of queue.takeUntil(Infinity)) audit.append(event);
      })();
      options.progress?.(end, options.cases);
    }
  } finally {
    bulkLoad(db, false);
  }
  // Leave the hub as the app leaves a vault at lock: the index of cases rebuilt
  // for every case the load marked, the search indexes merged, the log moved
  // into the database. Without it every search of a fresh seed would answer
  // from the item index (more cases waiting than a search rebuilds itself).
  lockMaintenance(db);
  return { auditEvents: audit.count };
}

/**
 * A bulk load that is simply run again if interrupted need not journal or wait
 * for the disk at every commit the way the app must, nor overwrite freed pages
 * (it deletes nothing but the search index's merged segments of synthetic
 * text), and a large page cache keeps the randomly ordered id indexes in
 * memory. Afterwards the file is back in WAL mode, as the vault keeps it.
 */
function bulkLoad(db: Db, on: boolean): void {
  if (on) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('secure_delete = OFF');
    db.pragma('cache_size = -262144');
  } else {
    // The journal mode is stored in the file; the rest ends with the connection.
    db.pragma('journal_mode = WAL');
  }
}

/**
 * Gives the plain twin the vault's users, settings, signed role grants and first audit events,
 * verbatim — except the workstation's signing key, which never goes to disk
 * unencrypted, even for synthetic data: the twin signs with a throwaway key.
 */
function copySetup(session: VaultSession, plain: Db): void {
  const src = session.db;
  plain.transaction(() => {
    for (const row of src.prepare('SELECT name, role, created_at, removed_at FROM users').all()) plain.prepare('INSERT INTO users VALUES (@name, @role, @created_at, @removed_at)').run(row);
    for (const row of src.prepare("SELECT key, value FROM settings WHERE key NOT LIKE 'signing_%'").all()) plain.prepare('INSERT INTO settings VALUES (@key, @value)').run(row);
    const throwaway = generateKeyPairSync('ed25519');
    setSetting(plain, 'signing_private_key', throwaway.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    setSetting(plain, 'signing_public_key', throwaway.publicKey.export({ format: 'pem', type: 'spki' }).toString());
    for (const row of src.prepare('SELECT seq, at, actor, action, case_id, detail, prev_hash, hash FROM audit_events ORDER BY seq').all()) {
      plain.prepare('INSERT INTO audit_events VALUES (@seq, @at, @actor, @action, @case_id, @detail, @prev_hash, @hash)').run(row);
    }
    for (const row of src.prepare('SELECT seq, kind, vault_id, user_name, role, user_key, granted_by, signer_key, at, prev_hash, hash, signature FROM role_grants ORDER BY seq').all()) {
      plain
        .prepare(
          'INSERT INTO role_grants VALUES (@seq, @kind, @vault_id, @user_name, @role, @user_key, @granted_by, @signer_key, @at, @prev_hash, @hash, @signature)',
        )
        .run(row);
    }
  })();
}
