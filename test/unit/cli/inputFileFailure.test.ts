import type * as fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { runOfframp } from '../../helpers/cli';

// A failing disk is not the user's mistake: exit 1, not 2, and still no stack trace.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  const fail = (): never => {
    throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
  };
  const fakeStat = () => ({ isDirectory: () => false, isFile: () => true, size: 10 });
  const openSync = () => 99;
  const closeSync = () => undefined;
  return { ...real, openSync, closeSync, fstatSync: fakeStat, readSync: fail, default: { ...real, openSync, closeSync, fstatSync: fakeStat, readSync: fail } };
});

describe('reading an input file', () => {
  it('an I/O error while reading is an operation failure (exit 1)', async () => {
    const run = await runOfframp(['evaluate', 'case.json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('offramp: Reading case.json failed (EIO). Nothing was changed.\n');
    expect(run.stdout).toBe('');
  });
});
