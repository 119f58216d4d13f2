import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/contract';
import type { Queries } from '../data';
import { CHUNK_BYTES, deleteStagedImport, evidenceChunk, evidenceChunkWriter, insertStagedChunk, moveStagedChunks, readEvidenceChunkNow } from '../data/evidenceBlobs';
import type { Db } from '../vault/database';

/**
 * Evidence content in the vault: numbered chunks of CHUNK_BYTES (migration 0013).
 * Files come in from a path a chunk at a time, hashed on the way, and go out a
 * chunk at a time, hashed again and checked against the intake hash; no step
 * holds a whole file in memory. The chunks' queries are in data/evidenceBlobs.ts
 * (which says why intake's writes and a packet's reads stay synchronous).
 */

export { CHUNK_BYTES };

export interface IntakeResult {
  size: number;
  sha256: string;
  /** The first bytes of the file (up to 4 KiB), to recognize its type. */
  head: Buffer;
}

/** Stores bytes already in memory (imports, tests) as chunks. Runs in the caller's transaction. */
export function writeEvidenceChunks(db: Db, evidenceId: string, data: Uint8Array): void {
  const insert = evidenceChunkWriter(db);
  for (let seq = 0; seq * CHUNK_BYTES < data.length; seq++) {
    insert(evidenceId, seq, Buffer.from(data.buffer, data.byteOffset + seq * CHUNK_BYTES, Math.min(CHUNK_BYTES, data.length - seq * CHUNK_BYTES)));
  }
}

/** Why a path cannot be taken in as evidence, in words, or null if it is a regular file. */
function kindProblem(mode: number): string | null {
  const type = mode & constants.S_IFMT;
  if (type === constants.S_IFREG) return null;
  if (type === constants.S_IFDIR) return 'it is a folder, not a file';
  if (type === constants.S_IFIFO) return 'it is a pipe (FIFO), not a file';
  if (type === constants.S_IFCHR || type === constants.S_IFBLK) return 'it is a device, not a file';
  if (type === constants.S_IFSOCK) return 'it is a socket, not a file';
  return 'it is not a regular file';
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;

/**
 * Reads the file at `path` into chunks of `evidenceId`, hashing as it goes. The
 * file is opened without following a symbolic link and without blocking (a FIFO
 * cannot hang the app), must be a regular file of at most `maxBytes`, and must
 * still have the size it had when opened once read. Runs in the caller's
 * transaction, so a refused or failed intake leaves no chunk behind.
 */
export function intakeFile(db: Db, evidenceId: string, path: string, maxBytes: number, read: typeof readSync = readSync): IntakeResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const why: Record<string, string> = {
      ENOENT: 'there is no such file',
      EACCES: 'permission to read it is denied',
      EPERM: 'permission to read it is denied',
      ELOOP: 'it is a symbolic link; choose the file it points to',
      ENXIO: 'it is a socket or a device with nothing attached, not a file',
    };
    throw new AppError('invalid_input', `The evidence file cannot be read: ${why[code] ?? `opening it failed (${code || 'unknown error'})`}.`);
  }
  try {
    const stat = fstatSync(fd);
    const problem = kindProblem(stat.mode);
    if (problem !== null) throw new AppError('invalid_input', `The evidence file cannot be taken in: ${problem}.`);
    if (stat.size > maxBytes) throw new AppError('invalid_input', `The evidence file is ${mib(stat.size)}; an evidence file may have at most ${mib(maxBytes)}.`);
    const hash = createHash('sha256');
    const insert = evidenceChunkWriter(db);
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let head: Buffer | null = null;
    let size = 0;
    for (let seq = 0; ; seq++) {
      let filled = 0;
      while (filled < CHUNK_BYTES) {
        const n = read(fd, buffer, filled, CHUNK_BYTES - filled, null);
        if (n === 0) break;
        filled += n;
      }
      if (filled === 0) break;
      size += filled;
      if (size > maxBytes) throw new AppError('invalid_input', `The evidence file grew past ${mib(maxBytes)} while it was read; an evidence file may have at most ${mib(maxBytes)}.`);
      const piece = buffer.subarray(0, filled);
      hash.update(piece);
      head ??= Buffer.from(piece.subarray(0, 4096));
      insert(evidenceId, seq, piece);
      if (filled < CHUNK_BYTES) break;
    }
    if (size !== stat.size) throw new AppError('conflict', 'The evidence file changed while it was read; take it in again once nothing writes to it.');
    return { size, sha256: hash.digest('hex'), head: head ?? Buffer.alloc(0) };
  } finally {
    closeSync(fd);
  }
}

const mismatch = (evidenceId: string) =>
  new AppError('integrity', `Evidence item ${evidenceId} no longer matches the SHA-256 recorded at intake (or its content was never stored); it cannot be sent.`);

/**
 * The chunks of an evidence item, in order, one point lookup each (no statement
 * stays open between them, so other calls run while a packet streams out). The
 * SHA-256 is recomputed on the way; a body that does not match the intake hash
 * or size throws 'integrity' after its last chunk, before the caller can finish.
 */
export function* evidenceChunks(db: Db, evidenceId: string, expected: { size: number; sha256: string }): Generator<Buffer> {
  const hash = createHash('sha256');
  let size = 0;
  for (let seq = 0; ; seq++) {
    const data = readEvidenceChunkNow(db, evidenceId, seq);
    if (data === null) break;
    size += data.length;
    if (size > expected.size) throw mismatch(evidenceId);
    hash.update(data);
    yield data;
  }
  if (size !== expected.size || hash.digest('hex') !== expected.sha256) throw mismatch(evidenceId);
}

/** The first `limit` bytes of an item (previews), read chunk by chunk. */
export async function evidenceHead(q: Queries, evidenceId: string, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for (let seq = 0; size < limit; seq++) {
    const data = await evidenceChunk(q, evidenceId, seq);
    if (data === null) break;
    parts.push(data.length > limit - size ? data.subarray(0, limit - size) : data);
    size += Math.min(data.length, limit - size);
  }
  return Buffer.concat(parts);
}

/**
 * The evidence of a packet being imported, staged in the vault (migration 0020)
 * in chunks of CHUNK_BYTES as it is decrypted, so no step holds a whole file.
 * Each chunk commits on its own; moveStagedFile and dropStagedImport finish it.
 */
export function stagePacketFile(q: Queries, importId: string, file: string): { write(piece: Uint8Array): Promise<void>; end(): Promise<void> } {
  const buffer = Buffer.alloc(CHUNK_BYTES);
  let filled = 0;
  let seq = 0;
  const flush = async () => {
    if (filled === 0) return;
    await insertStagedChunk(q, importId, file, seq++, buffer.subarray(0, filled));
    filled = 0;
  };
  return {
    async write(piece) {
      for (let at = 0; at < piece.length; ) {
        const n = Math.min(CHUNK_BYTES - filled, piece.length - at);
        buffer.set(piece.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled === CHUNK_BYTES) await flush();
      }
    },
    end: flush,
  };
}

/**
 * Makes a staged file the content of an evidence item of `size` bytes. Runs in
 * the import's transaction; a staged file with chunks missing (removed under the
 * import) is refused rather than stored short.
 */
export async function moveStagedFile(q: Queries, importId: string, file: string, evidenceId: string, size: number): Promise<void> {
  const moved = await moveStagedChunks(q, importId, file, evidenceId);
  if (moved !== Math.ceil(size / CHUNK_BYTES)) throw new AppError('integrity', `The received ${file} was not completely stored; the packet was not imported. Import it again.`);
}

/** Removes what an import staged (unlock removes what a crash left). */
export async function dropStagedImport(q: Queries, importId: string): Promise<void> {
  await deleteStagedImport(q, importId);
}
