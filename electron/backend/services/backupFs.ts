import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, open, readdir, rename, rm, stat, statfs } from 'node:fs/promises';
import { AppError } from '../../../shared/contract';

/**
 * The few file operations backup and restore make on removable media, behind an
 * interface so tests can make a medium fail (a full disk, a pulled stick) at any
 * byte. The default is node:fs; nothing else in backup or restore touches files
 * on the medium.
 */
export interface BackupFile {
  read(buffer: Buffer, position: number): Promise<number>;
  write(buffer: Buffer, position: number): Promise<number>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface BackupFs {
  /** 'wx' creates a new file (fails if it exists); 'r' reads. */
  open(path: string, flags: 'r' | 'wx'): Promise<BackupFile>;
  /**
   * Copies a whole file to a new path (fails if it exists), private to the user
   * (0600), and fsyncs the copy; returns its size. `onBytes` hears how far it got.
   */
  copyFile(from: string, to: string, onBytes: (copied: number) => void): Promise<number>;
  mkdir(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  /** Size in bytes; null when the path does not exist. */
  size(path: string): Promise<number | null>;
  isDirectory(path: string): Promise<boolean>;
  /** Bytes free for this process on the file system holding path; null when unknown. */
  freeBytes(path: string): Promise<number | null>;
  /** Flushes a folder's entries (the renames in it) to the device. */
  syncDir(path: string): Promise<void>;
}

export const nodeBackupFs: BackupFs = {
  async open(path, flags) {
    const handle = await open(path, flags === 'wx' ? constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL : constants.O_RDONLY, 0o600);
    return {
      read: async (buffer, position) => (await handle.read(buffer, 0, buffer.length, position)).bytesRead,
      write: async (buffer, position) => (await handle.write(buffer, 0, buffer.length, position)).bytesWritten,
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  // The kernel copies (copy_file_range where the file system has it): no bytes
  // pass through this process, so the copy runs at the disk's speed.
  async copyFile(from, to, onBytes) {
    let copying = true;
    const poll = setInterval(() => {
      // A size read as the copy ends must not report after its end.
      stat(to).then((s) => copying && onBytes(s.size), () => undefined);
    }, PROGRESS_INTERVAL_MS);
    try {
      await copyFile(from, to, constants.COPYFILE_EXCL);
    } finally {
      copying = false;
      clearInterval(poll);
    }
    await chmod(to, 0o600);
    const handle = await open(to, constants.O_RDWR);
    try {
      const size = (await handle.stat()).size;
      await handle.sync();
      onBytes(size);
      return size;
    } finally {
      await handle.close();
    }
  },
  mkdir: async (path) => {
    await mkdir(path, { mode: 0o700 });
  },
  rename: (from, to) => rename(from, to),
  rm: (path) => rm(path, { recursive: true, force: true }),
  readdir: (path) => readdir(path),
  async size(path) {
    try {
      return (await stat(path)).size;
    } catch {
      return null;
    }
  },
  async isDirectory(path) {
    try {
      return (await stat(path)).isDirectory();
    } catch {
      return false;
    }
  },
  async freeBytes(path) {
    try {
      const s = await statfs(path);
      return s.bavail * s.bsize;
    } catch {
      return null;
    }
  },
  async syncDir(path) {
    let handle;
    try {
      handle = await open(path, constants.O_RDONLY);
      await handle.sync();
    } catch {
      // Some file systems (FAT on some platforms) cannot fsync a folder; the rename is still atomic there.
    } finally {
      await handle?.close();
    }
  },
};

const CHUNK = 4 * 1024 * 1024;
const PROGRESS_INTERVAL_MS = 200;

/**
 * Copies a file in chunks through `fs`, hashing as it goes, then fsyncs the
 * copy. The target must not exist. Returns the size and SHA-256 of what was written.
 */
export async function copyFileHashed(fs: BackupFs, from: string, to: string, onBytes: (copied: number) => void = () => undefined): Promise<{ size: number; sha256: string }> {
  const source = await fs.open(from, 'r');
  try {
    const target = await fs.open(to, 'wx');
    try {
      const hash = createHash('sha256');
      const buffer = Buffer.alloc(CHUNK);
      let position = 0;
      for (;;) {
        const read = await source.read(buffer, position);
        if (read === 0) break;
        const chunk = buffer.subarray(0, read);
        hash.update(chunk);
        let written = 0;
        while (written < read) written += await target.write(chunk.subarray(written), position + written);
        position += read;
        onBytes(position);
      }
      await target.sync();
      return { size: position, sha256: hash.digest('hex') };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** Writes a whole new file and fsyncs it. */
export async function writeNewFile(fs: BackupFs, path: string, bytes: Buffer): Promise<void> {
  const file = await fs.open(path, 'wx');
  try {
    let written = 0;
    while (written < bytes.length) written += await file.write(bytes.subarray(written), written);
    await file.sync();
  } finally {
    await file.close();
  }
}

/**
 * Reads a file back and hashes it: what the medium returns, not what we meant to
 * write. `signal` stops it (rejecting with its reason).
 */
export async function hashFile(fs: BackupFs, path: string, onBytes: (read: number) => void = () => undefined, signal?: AbortSignal): Promise<{ size: number; sha256: string }> {
  const file = await fs.open(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(CHUNK);
    let position = 0;
    for (;;) {
      signal?.throwIfAborted();
      const read = await file.read(buffer, position);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      position += read;
      onBytes(position);
    }
    return { size: position, sha256: hash.digest('hex') };
  } finally {
    await file.close();
  }
}

/**
 * Reads a copy back and compares it byte for byte with the file it was copied
 * from: whether the two are the same length and bytes, as the medium returns them.
 */
export async function sameBytes(fs: BackupFs, copy: string, original: string, onBytes: (read: number) => void = () => undefined): Promise<boolean> {
  const a = await fs.open(copy, 'r');
  try {
    const b = await fs.open(original, 'r');
    try {
      const bufferA = Buffer.alloc(CHUNK);
      const bufferB = Buffer.alloc(CHUNK);
      let position = 0;
      for (;;) {
        const [readA, readB] = await Promise.all([readFull(a, bufferA, position), readFull(b, bufferB, position)]);
        if (readA !== readB || !bufferA.subarray(0, readA).equals(bufferB.subarray(0, readB))) return false;
        if (readA === 0) return true;
        position += readA;
        onBytes(position);
      }
    } finally {
      await b.close();
    }
  } finally {
    await a.close();
  }
}

/** Fills `buffer` from `position` unless the file ends first; returns the bytes read. */
async function readFull(file: BackupFile, buffer: Buffer, position: number): Promise<number> {
  let got = 0;
  while (got < buffer.length) {
    const read = await file.read(buffer.subarray(got), position + got);
    if (read === 0) break;
    got += read;
  }
  return got;
}

/** Reads a small file whole (manifest, keyslots), refusing anything larger than `max`. */
export async function readSmallFile(fs: BackupFs, path: string, max: number): Promise<Buffer> {
  const size = await fs.size(path);
  if (size === null) throw new AppError('not_found', `${path} does not exist.`);
  if (size > max) throw new AppError('integrity', `${path} is larger than expected (${size} bytes).`);
  const file = await fs.open(path, 'r');
  try {
    const buffer = Buffer.alloc(size);
    let position = 0;
    while (position < size) {
      const read = await file.read(buffer.subarray(position), position);
      if (read === 0) break;
      position += read;
    }
    return buffer.subarray(0, position);
  } finally {
    await file.close();
  }
}

const ioMessages: Readonly<Record<string, string>> = {
  ENOSPC: 'the medium is full',
  EDQUOT: 'the disk quota is exhausted',
  EROFS: 'the medium is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EIO: 'the medium reported an I/O error',
  ENOENT: 'the folder no longer exists (was the medium removed?)',
  ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'a file of that name already exists',
  SQLITE_FULL: 'the disk is full',
  SQLITE_IOERR: 'the disk reported an I/O error',
};

/** The errno-like code of a file-system or SQLite error, if it has one. */
export function ioCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    if (typeof code === 'string') return code.startsWith('SQLITE_IOERR') ? 'SQLITE_IOERR' : code;
  }
  return null;
}

/** Turns a file-system failure into a plain 'io' error; AppErrors pass through. */
export function asIoError(error: unknown, doing: string, outcome: string): AppError {
  if (error instanceof AppError) return error;
  const code = ioCode(error);
  const why = code === null ? 'an unexpected error' : (ioMessages[code] ?? code);
  return new AppError('io', `${doing} failed: ${why}. ${outcome}`);
}
