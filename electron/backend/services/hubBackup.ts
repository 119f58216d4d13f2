import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AppError } from '../../../shared/contract';
import { withHubBackupSnapshot, type HubBackupSnapshot } from '../data/postgres/hubBackup';
import type { HubLogin } from '../data/postgres/hub';
import { checkRecipient, encryptAsyncStream } from '../packets/ageLayer';
import { asIoError, hashFile, nodeBackupFs, writeNewFile, type BackupFs } from './backupFs';
import { MANIFEST_FILE } from './backupManifest';

/**
 * Hub mode's backup to removable media: `pg_dump --format=custom` of the hub,
 * run as the program manager over verified TLS, its output encrypted with age
 * to the program's recipient key as it is produced (no plaintext dump is ever
 * written anywhere), into `.<name>.<pid>.partial` on the medium with its
 * manifest, fsynced, renamed, then read back and checked.
 */
export const HUB_BACKUP_FORMAT = 'offramp-hub-backup';
export const HUB_DUMP_FILE = 'hub.dump.age';

export interface HubBackupManifest {
  readonly format: typeof HUB_BACKUP_FORMAT;
  readonly formatVersion: 1;
  readonly appVersion: string;
  readonly createdAt: string;
  readonly hub: { readonly host: string; readonly port: number; readonly database: string };
  readonly by: string;
  readonly schemaVersion: number;
  readonly cases: number;
  readonly recipient: string;
  readonly dump: { readonly format: 'pg_dump custom'; readonly encryption: 'age v1' };
  readonly files: readonly { readonly name: typeof HUB_DUMP_FILE; readonly bytes: number; readonly sha256: string }[];
  readonly audit: HubBackupSnapshot['audit'];
}

export interface HubBackupResult {
  readonly path: string;
  readonly manifest: HubBackupManifest;
}

export interface HubBackupOptions {
  readonly appVersion: string;
  readonly now: () => Date;
  readonly fs?: BackupFs;
  /** The pg_dump program; Debian's wrapper picks the one matching the server. */
  readonly pgDump?: string;
}

/** The libpq connection string of a login, without its password (that goes in the child's environment). */
function conninfo(login: HubLogin, caFile: string): string {
  const quote = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const { host, port, database } = login.address;
  return [`host=${quote(host)}`, `port=${port}`, `dbname=${quote(database)}`, `user=${quote(login.user)}`, 'sslmode=verify-full', `sslrootcert=${quote(caFile)}`, 'connect_timeout=10'].join(' ');
}

/** pg_dump's output, streamed; rejects with its stderr when it does not exit 0. */
async function* pgDumpOutput(program: string, login: HubLogin, caFile: string, snapshot: string): AsyncGenerator<Uint8Array> {
  const child = spawn(program, ['--format=custom', '--enable-row-security', `--snapshot=${snapshot}`, '--no-password', `--dbname=${conninfo(login, caFile)}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // The password reaches pg_dump only through its environment: never argv, never a file, never a log.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PGPASSWORD: login.password, PGPASSFILE: '/dev/null', PGSERVICEFILE: '/dev/null', PGSYSCONFDIR: '/nonexistent' },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    if (stderr.length < 4096) stderr += text;
  });
  const exited = new Promise<number>((resolve) => {
    child.on('error', (error) => {
      stderr += String(error.message);
      resolve(-1);
    });
    child.on('close', (code) => resolve(code ?? -1));
  });
  let finished = false;
  try {
    for await (const piece of child.stdout) yield piece as Buffer;
    const code = await exited;
    finished = true;
    if (code !== 0) throw new AppError('io', `pg_dump failed (${code === -1 ? 'it could not run' : `exit ${code}`}): ${stderr.trim().split('\n')[0] ?? ''}. Nothing was kept.`);
  } finally {
    if (!finished) child.kill('SIGKILL');
  }
}

/** Writes the encrypted dump into `path`, hashing what is written; returns its size and SHA-256. */
async function writeEncrypted(fs: BackupFs, path: string, ciphertext: AsyncIterable<Uint8Array>): Promise<{ bytes: number; sha256: string }> {
  const file = await fs.open(path, 'wx');
  try {
    const hash = createHash('sha256');
    let position = 0;
    for await (const piece of ciphertext) {
      const chunk = Buffer.from(piece.buffer, piece.byteOffset, piece.length);
      hash.update(chunk);
      let written = 0;
      while (written < chunk.length) written += await file.write(chunk.subarray(written), position + written);
      position += chunk.length;
    }
    await file.sync();
    return { bytes: position, sha256: hash.digest('hex') };
  } finally {
    await file.close();
  }
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** Backs the hub up as its program manager into a new folder in `targetDir`, verified before it returns. */
export async function backUpHub(login: HubLogin, targetDir: string, recipient: string, options: HubBackupOptions): Promise<HubBackupResult> {
  checkRecipient(recipient);
  const fs = options.fs ?? nodeBackupFs;
  if (!(await fs.isDirectory(targetDir))) throw new AppError('invalid_input', `${targetDir} is not a folder: --to names the folder (e.g. the removable medium) to write the backup into. Nothing was written.`);
  return withHubBackupSnapshot(login, async (snapshot) => {
    const createdAt = options.now();
    const name = `offramp-hub-backup-${login.address.database}-${stamp(createdAt)}`;
    const final = join(targetDir, name);
    if ((await fs.size(final)) !== null) throw new AppError('conflict', `${final} exists already. Nothing was written.`);
    const partial = join(targetDir, `.${name}.${process.pid}.partial`);
    // pg_dump reads the CA from a file: a copy in a private folder, removed afterwards. It is public, but ours.
    const temp = mkdtempSync(join(tmpdir(), 'offramp-hub-backup-'));
    let renamed = false;
    try {
      const caFile = join(temp, 'ca.pem');
      writeFileSync(caFile, login.ca, { mode: 0o600 });
      await fs.mkdir(partial);
      const dump = join(partial, HUB_DUMP_FILE);
      const written = await writeEncrypted(fs, dump, encryptAsyncStream(pgDumpOutput(options.pgDump ?? 'pg_dump', login, caFile, snapshot.snapshot), recipient));
      const manifest: HubBackupManifest = {
        format: HUB_BACKUP_FORMAT,
        formatVersion: 1,
        appVersion: options.appVersion,
        createdAt: createdAt.toISOString(),
        hub: login.address,
        by: login.user,
        schemaVersion: snapshot.schemaVersion,
        cases: snapshot.cases,
        recipient,
        dump: { format: 'pg_dump custom', encryption: 'age v1' },
        files: [{ name: HUB_DUMP_FILE, bytes: written.bytes, sha256: written.sha256 }],
        audit: snapshot.audit,
      };
      await writeNewFile(fs, join(partial, MANIFEST_FILE), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
      await fs.syncDir(partial);
      await fs.rename(partial, final);
      renamed = true;
      await fs.syncDir(targetDir);
      const readBack = await hashFile(fs, join(final, HUB_DUMP_FILE));
      if (readBack.sha256 !== written.sha256 || readBack.size !== written.bytes) {
        throw new AppError('integrity', `The backup read back from ${final} does not match what was written: the medium may be failing. The folder was removed.`);
      }
      return { path: final, manifest };
    } catch (error) {
      await fs.rm(renamed ? final : partial).catch(() => undefined);
      throw asIoError(error, `Writing the hub backup to ${targetDir}`, 'Nothing was kept on the medium.');
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  }, ({ path, manifest: m }) => ({ hub: true, name: basename(path), bytes: m.files[0]?.bytes ?? 0, sha256: m.files[0]?.sha256 ?? '', schemaVersion: m.schemaVersion, cases: m.cases, auditSeq: m.audit.headSeq }));
}
