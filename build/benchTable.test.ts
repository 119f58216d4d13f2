import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const table = (...files: string[]) => spawnSync(process.execPath, [join(root, 'build/benchTable.mjs'), ...files], { cwd: root, encoding: 'utf8' });

describe('bench:table', () => {
  it('prints every target of committed results with its value per size and whether it was met', () => {
    const out = table('bench/results/2026-12-03-1000.json', 'bench/results/2026-12-03-100000.json');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('| Figure | 1,000 | 100,000 | Target | Met (1,000 / 100,000) |');
    expect(out.stdout).toContain('| full-text search p95 (cached) | 29.74 ms | 284 ms | ≤ 50 ms | met / missed |');
    // The slowest list view differs between the runs and still makes one row.
    expect(out.stdout).toContain('| case list page p95 (cached, slowest view) | 2.13 ms | 4.52 ms | ≤ 30 ms | met / met |');
    expect(out.stdout).toContain('| verified backup / cp + fsync of the same file (ms) | 693 / 73 | 64,806 / 7,483 |');
  });
  it('refuses a file that is not a bench result', () => {
    const out = table('package.json');
    expect(out.status).not.toBe(0);
    expect(out.stderr).toMatch(/not an offramp-bench result/);
  });
});
