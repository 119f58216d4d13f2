import { describe, expect, it } from 'vitest';
import { PROGRAM_RULES_FORMAT } from '../../../shared/domain/programRules/schema';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { insertBareCase } from './bareCase.test-helper';
import { openCaseIds } from './cases';
import { insertProgramRulesVersion, lastProgramRulesVersion, listProgramRulesVersions, programRulesVersionToRow, rowToProgramRulesVersion, type ProgramRulesVersion } from './programRules';
import { embeddedStore } from './sqlcipher';

const freshDb = freshDatabases('offramp-data-rules-');
const version = (n: number): ProgramRulesVersion => ({
  version: n,
  savedBy: 'Dana',
  savedAt: `2026-02-0${n}T00:00:00.000Z`,
  reason: `Change ${n}`,
  document: { format: PROGRAM_RULES_FORMAT, revision: n, savedAt: `2026-02-0${n}T00:00:00.000Z`, savedBy: 'Dana', rules: [] },
});

describe('program rules in the data layer', () => {
  it('maps a version to its row and back unchanged', () => {
    expect(rowToProgramRulesVersion(programRulesVersionToRow(version(1)))).toEqual(version(1));
  });

  it('refuses a stored document that is not JSON or not a valid program rules document as an integrity error naming the version', () => {
    expect(() => rowToProgramRulesVersion({ ...programRulesVersionToRow(version(3)), document: '{not json' })).toThrow(/version 3 .*not readable JSON/);
    expect(() => rowToProgramRulesVersion({ ...programRulesVersionToRow(version(4)), document: '{"format":"something else"}' })).toThrow(expect.objectContaining({ code: 'integrity' }));
  });

  it('numbers versions from 1 and lists them newest first', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    expect(await lastProgramRulesVersion(q)).toBe(0);
    expect(await listProgramRulesVersions(q)).toEqual([]);
    await insertProgramRulesVersion(q, version(1));
    await insertProgramRulesVersion(q, version(2));
    expect(await lastProgramRulesVersion(q)).toBe(2);
    expect((await listProgramRulesVersions(q)).map((v) => v.version)).toEqual([2, 1]);
    await expect(insertProgramRulesVersion(q, version(2))).rejects.toThrow(/UNIQUE|PRIMARY KEY/);
  });

  it('lists the cases that are not closed, by id', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c2');
    await insertBareCase(q, 'c1', { status: 'monitoring' });
    await insertBareCase(q, 'c3', { status: 'closed' });
    expect(await openCaseIds(q)).toEqual(['c1', 'c2']);
  });
});
