import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrations } from '../../vault/migrations';
import { ENGINE_TABLES, tables } from '../schema';
import { checkHubSchemaVersion, HUB_BASELINE_VERSION, hubBaselineDdl, hubSchemaSteps } from './schema';

describe("a hub's PostgreSQL schema from the migration registry", () => {
  it('is the baseline derived from the registry, then one PostgreSQL step per later migration, up to the latest version', () => {
    const steps = hubSchemaSteps(0);
    expect(steps[0]?.version).toBe(HUB_BASELINE_VERSION);
    expect(steps.map((s) => s.version)).toEqual([HUB_BASELINE_VERSION, ...migrations.filter((m) => m.version > HUB_BASELINE_VERSION).map((m) => m.version)]);
    expect(steps.at(-1)?.version).toBe(LATEST_VERSION);
    expect(hubSchemaSteps(LATEST_VERSION)).toEqual([]);
  });

  it('creates every table of the schema map and none of the full-text index', () => {
    // The baseline's tables, then those of the PostgreSQL steps after it.
    const created = [...hubSchemaSteps(0).map((step) => step.sql).join('\n').matchAll(/^CREATE TABLE (\w+) \(/gm)].map((m) => m[1]).sort();
    expect(created).toEqual(Object.keys(tables).sort());
    for (const t of ENGINE_TABLES) expect(hubBaselineDdl()).not.toContain(t);
  });

  it('refuses a migration after the baseline that has no PostgreSQL step', () => {
    const later = [...migrations, { version: LATEST_VERSION + 1, name: 'sqlite-only', up: 'CREATE TABLE t (x TEXT) STRICT;' }];
    expect(() => hubSchemaSteps(0, later)).toThrow(`migration ${LATEST_VERSION + 1} (sqlite-only) has no PostgreSQL step`);
    const withStep = [...migrations, { version: LATEST_VERSION + 1, name: 'both', up: 'CREATE TABLE t (x TEXT) STRICT;', postgres: 'CREATE TABLE t (x text);' }];
    expect(hubSchemaSteps(LATEST_VERSION, withStep)).toEqual([{ version: LATEST_VERSION + 1, sql: 'CREATE TABLE t (x text);' }]);
  });

  it('tells a workstation plainly when a hub is newer, older or no hub at all', () => {
    expect(() => checkHubSchemaVersion(LATEST_VERSION + 3)).toThrow(`This hub's database was set up by a newer version of Offramp (schema ${LATEST_VERSION + 3}; this version knows up to ${LATEST_VERSION}). Update Offramp on this workstation to use the hub.`);
    expect(() => checkHubSchemaVersion(null)).toThrow('This database is not an Offramp hub');
    expect(() => checkHubSchemaVersion(LATEST_VERSION - 1)).toThrow('older than this Offramp');
    expect(() => checkHubSchemaVersion(LATEST_VERSION)).not.toThrow();
  });
});
