import Database from 'better-sqlite3-multiple-ciphers';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  sqlite: string;
  sqlite3mc: string;
}

/** What the figures were measured on, so results from different machines are not confused. */
export function describeMachine(): Machine {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line !== undefined) cpu = line.split(':')[1]?.trim() ?? cpu;
  } catch {
    // Not Linux: the os module's model name stands.
  }
  const db = new Database(':memory:');
  try {
    const versions = db.prepare('SELECT sqlite_version() AS sqlite, sqlite3mc_version() AS mc').get() as { sqlite: string; mc: string };
    return {
      cpu,
      cores: cpus().length,
      memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
      node: process.version,
      os: `${process.platform} ${release()}`,
      sqlite: versions.sqlite,
      sqlite3mc: versions.mc,
    };
  } finally {
    db.close();
  }
}
