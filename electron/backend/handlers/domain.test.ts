import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';
import { catalogSchema } from '../../../shared/domain/catalog';
import { evaluateOutputSchema } from '../../../shared/domain/evaluate/schema';
import { allOptionIds } from '../../../shared/domain/ids';
import { createBackend } from '../backend';

const dataDir = mkdtempSync(join(tmpdir(), 'offramp-domain-ipc-'));
const backend = createBackend({ dataDir, transport: 'harness', version: '0.0.0-test', log: () => undefined });
afterAll(() => {
  backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('domain IPC methods', () => {
  it('are declared public: they read no vault data', () => {
    expect(contract['domain.evaluate'].public).toBe(true);
    expect(contract['domain.catalog'].public).toBe(true);
  });

  it('domain.evaluate runs the engine with the vault locked', async () => {
    const result = await backend.invoke('domain.evaluate', { program: 'federal', facts: { classified_disclosure: true, foreign_recipient: true } });
    if (!result.ok) throw new Error(result.error.message);
    const out = evaluateOutputSchema.parse(result.value);
    expect(out.obligations.map((o) => o.recipient)).toEqual(['fbi', 'internal']);
  });

  it('domain.evaluate rejects bad input with invalid_input naming the field', async () => {
    const result = await backend.invoke('domain.evaluate', { program: 'navy' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toContain('program');
    const unknownFact = await backend.invoke('domain.evaluate', { program: 'dod', facts: { gossip: true } });
    expect(unknownFact.ok).toBe(false);
  });

  it('domain.catalog returns the whole catalog', async () => {
    const result = await backend.invoke('domain.catalog', {});
    if (!result.ok) throw new Error(result.error.message);
    const catalog = catalogSchema.parse(result.value);
    expect(catalog.responseOptions).toHaveLength(allOptionIds.length);
    expect(catalog.priCategories).toHaveLength(9);
  });
});
