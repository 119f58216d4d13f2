import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface FileScan {
  name: string;
  size: number;
  found: boolean;
}

/** Searches the raw bytes of every file in a folder for a string (UTF-8). */
export function scanFolder(dir: string, needle: string): FileScan[] {
  const bytes = Buffer.from(needle, 'utf8');
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => {
      const content = readFileSync(join(dir, name));
      return { name, size: content.length, found: content.includes(bytes) };
    });
}

/** Size of a file, or null when it does not exist. */
export function fileSize(path: string): number | null {
  return existsSync(path) ? statSync(path).size : null;
}
