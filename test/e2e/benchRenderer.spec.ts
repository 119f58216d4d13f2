import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureRenderer } from '../bench/renderer';
import { seedVault } from '../bench/seed';

// The benchmark's renderer figures on a small synthetic hub: every figure is
// measured on the real screens (how fast is for npm run bench, not for tests).
test('the benchmark measures unlock to the case list and scrolling on a seeded hub', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'offramp-bench-renderer-'));
  try {
    const passphrase = 'synthetic hub test passphrase';
    await seedVault({ cases: 120, seed: 3, vaultDir: join(dataDir, 'vault'), passphrase, kdf: 'fast-insecure-for-tests' });
    const logs: string[] = [];
    const result = await measureRenderer({ dataDir, passphrase, unlocks: 2, scrollFrames: 40, scrollPxPerFrame: 200 }, (line) => logs.push(line));
    expect(result.listTotal).toBe(120);
    expect(result.unlockToHome.n).toBe(2);
    expect(result.homeToCaseList.n).toBe(2);
    expect(result.unlockToCaseList.p50).toBeGreaterThan(0);
    expect(result.unlockToCaseList.p50).toBeCloseTo(result.unlockToCaseListExcludingKdf.p50 + result.kdf.p50, 0);
    // The scroll stops at the list's last row (at least 200 px a frame, more when 40 frames would not reach it; frames spent waiting for the last page count too, up to three times 40).
    expect(result.scroll.reachedLastRow).toBe(true);
    expect(result.scroll.lastRowIndex).toBe(119);
    expect(result.scroll.frameMs.n).toBeGreaterThan(1);
    expect(result.scroll.frameMs.n).toBeLessThan(40 * 3);
    expect(result.scroll.frameMs.p50).toBeGreaterThan(0);
    expect(result.pageErrors).toEqual([]);
    expect(logs).toContain('renderer: scrolling the case list');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
