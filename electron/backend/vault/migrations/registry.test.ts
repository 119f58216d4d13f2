import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from './index';

const here = __dirname;
const integration = join(here, '../../../../test/integration');

describe('the migration registry', () => {
  it('is in strictly increasing order, one file per migration', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    const files = readdirSync(here).filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'));
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(versions);
  });

  it('has a test of its own for every migration (migrate to the version before, insert, migrate, assert)', () => {
    const beside = readdirSync(here).filter((f) => f.endsWith('.test.ts'));
    const inIntegration = readdirSync(integration).filter((f) => /^migration\d{4}.*\.test\.ts$/.test(f));
    const untested = migrations
      .map((m) => String(m.version).padStart(4, '0'))
      .filter((n) => !beside.some((f) => f.startsWith(`${n}-`)) && !inIntegration.some((f) => f.startsWith(`migration${n}`)));
    expect(untested).toEqual([]);
  });
});
