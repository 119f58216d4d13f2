import { createHash, randomBytes } from 'node:crypto';
import { constants, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/contract';

/**
 * Writing a packet to removable media. The few file-system calls it needs go
 * through `MediaFs`, so tests can make a medium fill up, vanish or turn read-only
 * at any byte; the default is node:fs.
 */
export interface MediaFile {
  write(data: Uint8Array, position: number): Promise<number>;
  read(into: Uint8Array, position: number): Promise<number>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface MediaFs {
  /** Free bytes available to this user on the volume holding `dir`. */
  freeBytes(dir: string): Promise<number>;
  isDirectory(path: string): Promise<boolean>;
  exists(path: string): Promise<boolean>;
  /** Opens for writing a file that must not exist yet, or for reading. */
  open(path: string, mode: 'create' | 'read'): Promise<MediaFile>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Makes a rename in `dir` durable. */
  syncDir(dir: string): Promise<void>;
}

export const nodeMediaFs: MediaFs = {
  async freeBytes(dir) {
    const s = await fsp.statfs(dir);
    return Number(s.bavail) * Number(s.bsize);
  },
  async isDirectory(path) {
    try {
      return (await fsp.stat(path)).isDirectory();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  },
  async exists(path) {
    try {
      await fsp.lstat(path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  },
  async open(path, mode) {
    // O_EXCL with O_CREAT also refuses to follow a symbolic link planted at the path.
    const handle = await fsp.open(path, mode === 'create' ? constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL : constants.O_RDONLY, 0o600);
    return {
      write: async (data, position) => (await handle.write(data, 0, data.length, position)).bytesWritten,
      read: async (into, position) => (await handle.read(into, 0, into.length, position)).bytesRead,
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  async syncDir(dir) {
    const handle = await fsp.open(dir, constants.O_RDONLY);
    try {
      await handle.sync();
    } catch (error) {
      // Some file systems (e.g. FAT on some kernels) cannot fsync a folder; the
      // rename itself is still atomic there.
      if (!['EINVAL', 'ENOTSUP', 'EPERM', 'EISDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    } finally {
      await handle.close();
    }
  },
};

export interface WriteProgress {
  bytesWritten: number;
  totalBytes: number;
}

export interface WriteOptions {
  fs?: MediaFs;
  onProgress?: (progress: WriteProgress) => void;
  /** Bytes per write call; progress is reported after each. */
  chunkBytes?: number;
  /** Room to keep free beyond the file itself (directory entries, allocation slack). */
  marginBytes?: number;
  /** Called after writing, before verifying (for the caller's progress display). */
  onVerify?: () => void;
}

const ioReasons: Readonly<Record<string, string>> = {
  ENOSPC: 'the medium is full',
  EDQUOT: 'the disk quota is exhausted',
  EROFS: 'the medium is read-only',
  EACCES: 'permission to write there is denied',
  EPERM: 'permission to write there is denied',
  ENOENT: 'the folder is gone (was the medium removed?)',
  ENODEV: 'the medium was removed',
  ENXIO: 'the medium was removed',
  EIO: 'the medium reported an input/output error (was it removed?)',
  ENOTDIR: 'the target is not a folder',
  EEXIST: 'a file of that name is already there',
};

class ReadBackMismatch extends Error {}

function ioError(dir: string, error: unknown, cleanup: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
  const reason = ioReasons[code] ?? `the write failed (${code})`;
  return new AppError('io', `The packet could not be written to ${dir}: ${reason}. ${cleanup}`);
}

/**
 * Writes `data` as `dir/fileName` so that either the whole, verified file is
 * there or nothing is: free space is checked first; the bytes go to a hidden
 * temporary name in the same folder, are flushed to the device, renamed into
 * place and the folder flushed; then the file is read back and its SHA-256
 * compared with what was meant to be written. On any failure the partial file is
 * removed and an 'io' error says why.
 */
export async function writeFileAtomically(dir: string, fileName: string, data: Uint8Array, options: WriteOptions = {}): Promise<{ path: string; sha256: string }> {
  const chunk = options.chunkBytes ?? 1024 * 1024;
  function* pieces(): Generator<Uint8Array> {
    for (let at = 0; at < data.length; at += chunk) yield data.subarray(at, Math.min(at + chunk, data.length));
  }
  return writeStreamAtomically(dir, fileName, pieces(), data.length, options);
}

/**
 * writeFileAtomically for content produced as it is written (a packet streamed
 * from the vault through tar and age): `totalBytes` is known up front for the
 * free-space check; the SHA-256 is computed on the way, the file read back and
 * compared. A source that throws, or yields more or fewer bytes than announced,
 * leaves nothing on the medium.
 */
export async function writeStreamAtomically(
  dir: string,
  fileName: string,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  totalBytes: number,
  options: WriteOptions = {},
): Promise<{ path: string; sha256: string }> {
  const fs = options.fs ?? nodeMediaFs;
  const chunk = options.chunkBytes ?? 1024 * 1024;
  const finalPath = join(dir, fileName);
  const tempPath = join(dir, `.${fileName}.${randomBytes(4).toString('hex')}.partial`);
  try {
    if (!(await fs.isDirectory(dir))) throw new AppError('io', `The packet could not be written: ${dir} is not a folder (is the medium mounted?). Nothing was written.`);
    const free = await fs.freeBytes(dir);
    const needed = totalBytes + (options.marginBytes ?? 64 * 1024);
    if (free < needed) {
      throw new AppError('io', `The packet could not be written to ${dir}: it needs ${mb(needed)} and the medium has ${mb(free)} free. Nothing was written.`);
    }
    if (await fs.exists(finalPath)) throw new AppError('io', `The packet could not be written to ${dir}: a file named ${fileName} is already there. Nothing was written.`);
  } catch (error) {
    throw ioError(dir, error, 'Nothing was written.');
  }

  let created = false;
  let renamed = false;
  try {
    const hash = createHash('sha256');
    const file = await fs.open(tempPath, 'create');
    created = true;
    try {
      let written = 0;
      options.onProgress?.({ bytesWritten: 0, totalBytes });
      for await (const data of source) {
        for (let at = 0; at < data.length; ) {
          const piece = data.subarray(at, Math.min(at + chunk, data.length));
          if (written + piece.length > totalBytes) throw new AppError('internal', 'The packet came out longer than announced; nothing was kept.');
          const n = await file.write(piece, written);
          if (n <= 0) throw Object.assign(new Error('short write'), { code: 'EIO' });
          hash.update(piece.subarray(0, n));
          written += n;
          at += n;
          options.onProgress?.({ bytesWritten: written, totalBytes });
        }
      }
      if (written !== totalBytes) throw new AppError('internal', 'The packet came out shorter than announced; nothing was kept.');
      await file.sync();
    } finally {
      await file.close();
    }
    const expected = hash.digest('hex');
    await fs.rename(tempPath, finalPath);
    renamed = true;
    await fs.syncDir(dir);
    options.onVerify?.();
    const actual = await hashFile(fs, finalPath, totalBytes, chunk);
    if (actual !== expected) throw new ReadBackMismatch();
    return { path: finalPath, sha256: expected };
  } catch (error) {
    const leftover = renamed ? finalPath : created ? tempPath : null;
    let removed = true;
    if (leftover !== null) {
      try {
        await fs.unlink(leftover);
      } catch {
        removed = false;
      }
    }
    const cleanup = leftover === null ? 'Nothing was written.' : removed ? 'The partial file was removed.' : `A partial file may remain there as ${leftover}; delete it.`;
    if (error instanceof ReadBackMismatch) throw new AppError('io', `The packet read back from ${dir} differs from what was written. ${cleanup} Try another medium.`);
    if (error instanceof AppError && error.code !== 'io') throw new AppError(error.code, `${error.message} ${cleanup}`);
    throw ioError(dir, error, cleanup);
  }
}

/** SHA-256 of a file as read from the medium, refusing one longer or shorter than expected. */
export async function hashFile(fs: MediaFs, path: string, expectedLength: number, chunk = 1024 * 1024): Promise<string> {
  const file = await fs.open(path, 'read');
  try {
    const hash = createHash('sha256');
    const buffer = new Uint8Array(Math.max(1, Math.min(chunk, expectedLength + 1)));
    let position = 0;
    for (;;) {
      const n = await file.read(buffer, position);
      if (n <= 0) break;
      hash.update(buffer.subarray(0, n));
      position += n;
      if (position > expectedLength) break;
    }
    return position === expectedLength ? hash.digest('hex') : 'length-mismatch';
  } finally {
    await file.close();
  }
}

function mb(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
