import { afterEach, describe, expect, it } from 'vitest';
import { createCase } from '../../electron/backend/services/cases';
import { nextCaseNumber } from '../../electron/backend/services/ids';
import { createTestVault, gamblingIntake, type TestVault } from '../helpers/vault';
import { displayIdTaken, highestCaseSequence } from '../../electron/backend/data/sqlcipher/caseNumbers';

describe('case numbers and pseudonyms', () => {
  let vault: TestVault | undefined;
  afterEach(() => vault?.cleanup());

  it('reads the highest sequence of a year and whether a pseudonym is taken', async () => {
    vault = await createTestVault();
    const { db, user } = vault.session;
    expect(highestCaseSequence(db, 'OR-2026-')).toBe(0);
    expect(nextCaseNumber(db, 2026)).toBe('OR-2026-0001');
    const first = createCase(db, user, gamblingIntake(), vault.now());
    createCase(db, user, gamblingIntake('b'), vault.now());
    expect(highestCaseSequence(db, 'OR-2026-')).toBe(2);
    expect(highestCaseSequence(db, 'OR-2025-')).toBe(0);
    expect(nextCaseNumber(db, 2026)).toBe('OR-2026-0003');
    const subject = db.prepare('SELECT s.display_id FROM subjects s JOIN cases c ON c.subject_id = s.id WHERE c.id = ?').pluck().get(first.id);
    expect(displayIdTaken(db, String(subject))).toBe(true);
    expect(displayIdTaken(db, 'S-00000')).toBe(false);
  });
});
