import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditEventLabels } from '../../shared/labels';

const backend = resolve(import.meta.dirname, '..', '..', 'electron', 'backend');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('audit event labels', () => {
  it('every audit action the backend writes has words in shared/labels', () => {
    const written = new Set<string>();
    for (const file of sources(backend)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)) written.add(match[1] ?? '');
      for (const match of text.matchAll(/(?:print|pdf): '([a-z_]+\.[a-z_]+)'/g)) written.add(match[1] ?? '');
      for (const match of text.matchAll(/audited\([^,]+, '([a-z_]+\.[a-z_]+)'/g)) written.add(match[1] ?? '');
    }
    expect(written.size).toBeGreaterThan(30);
    const missing = [...written].filter((action) => auditEventLabels[action] === undefined);
    expect(missing).toEqual([]);
  });
});
