import { constants, promises as fsp } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { AppError } from '../../../shared/contract';
import { entryNameProblem } from '../../../shared/packets/names';
import type { TarEntry } from './ustar';

/**
 * Extracts a verified packet's files into a folder that does not exist yet or is
 * empty. Names were checked when the archive was read; they are checked again
 * here, and every target must resolve inside the folder. Files are created
 * exclusively (never overwriting, never following a planted link), readable by
 * the owner only. On failure everything written is removed again.
 */
export async function unpackToFolder(outDir: string, entries: readonly TarEntry[]): Promise<{ dir: string; files: { name: string; size: number }[] }> {
  const root = resolve(outDir);
  let createdRoot = false;
  try {
    const stat = await fsp.lstat(root);
    if (stat.isSymbolicLink()) throw new AppError('invalid_input', `${outDir} is a symbolic link; give a real folder.`);
    if (!stat.isDirectory()) throw new AppError('invalid_input', `${outDir} is not a folder.`);
    if ((await fsp.readdir(root)).length > 0) throw new AppError('conflict', `${outDir} is not empty: give a new or empty folder.`);
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw ioFailure(outDir, error, 'Nothing was written.');
    try {
      await fsp.mkdir(root, { recursive: true, mode: 0o700 });
      createdRoot = true;
    } catch (mkdirError) {
      throw ioFailure(outDir, mkdirError, 'Nothing was written.');
    }
  }

  const created: string[] = [];
  const dirs: string[] = [];
  try {
    for (const entry of entries) {
      const problem = entryNameProblem(entry.name);
      if (problem !== null) throw new AppError('integrity', `The packet holds ${problem}; nothing was extracted.`);
      const target = resolve(root, entry.name);
      if (!target.startsWith(root + sep)) throw new AppError('integrity', 'The packet names a file outside the output folder; nothing was extracted.');
      const parent = dirname(target);
      if (parent !== root && !dirs.includes(parent)) {
        await fsp.mkdir(parent, { mode: 0o700 });
        dirs.push(parent);
      }
      const handle = await fsp.open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
      created.push(target);
      try {
        await handle.writeFile(entry.data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    return { dir: root, files: entries.map((e) => ({ name: e.name, size: e.data.length })) };
  } catch (error) {
    for (const path of created.reverse()) await fsp.rm(path, { force: true }).catch(() => undefined);
    for (const path of dirs.reverse()) await fsp.rmdir(path).catch(() => undefined);
    if (createdRoot) await fsp.rmdir(root).catch(() => undefined);
    if (error instanceof AppError) throw error;
    throw ioFailure(outDir, error, 'What had been extracted was removed.');
  }
}

function ioFailure(dir: string, error: unknown, cleanup: string): AppError {
  const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
  const reasons: Record<string, string> = { ENOSPC: 'the disk is full', EROFS: 'the disk is read-only', EACCES: 'permission denied', EPERM: 'permission denied' };
  return new AppError('io', `The packet could not be extracted to ${dir}: ${reasons[code] ?? `the write failed (${code})`}. ${cleanup}`);
}
