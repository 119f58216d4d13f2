import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addReport } from '../../electron/backend/services/casework';
import { createCase } from '../../electron/backend/services/cases';
import { addEvidenceBytes } from '../../electron/backend/services/evidence';
import { createTestVault, gamblingIntake, type TestVault } from '../helpers/vault';

const report = (receivedOn: string) => ({ receivedOn, howReceived: 'phone' as const, reporter: 'Supervisor', reporterConfidential: false, narrative: 'Asked colleagues for loans again.' });

// "Today" for a date a user enters is the workstation's own calendar day, as the
// screens show it, not the UTC day: east of UTC the local day starts first, west
// of it the UTC day does. Node applies a change of TZ at once.
describe('dates are checked against the local calendar day', () => {
  let vault: TestVault;
  let caseId: string;
  const zone = process.env.TZ;
  beforeAll(async () => {
    vault = await createTestVault();
    caseId = createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now()).id;
  });
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });
  afterAll(() => vault?.cleanup());

  it('east of UTC, where the local day has begun, today is accepted and tomorrow is not', async () => {
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
    const now = new Date('2026-11-20T12:00:00Z'); // 21 November, 02:00 local
    await expect(addReport(vault.session, caseId, report('2026-11-21'), now)).resolves.toEqual(expect.any(String));
    await expect(addReport(vault.session, caseId, report('2026-11-22'), now)).rejects.toThrow(/cannot be in the future/);
    const evidence = { caseId, name: 'note.txt', mediaType: 'text/plain', receivedOn: '2026-11-21', source: 'Supervisor', content: Buffer.from('a note') };
    await expect(addEvidenceBytes(vault.session, evidence, now)).resolves.toMatchObject({ receivedOn: '2026-11-21' });
  });

  it('west of UTC, where the UTC day has begun but the local one has not, the UTC date is still the future', async () => {
    process.env.TZ = 'Pacific/Pago_Pago'; // UTC−11
    const now = new Date('2026-11-20T05:00:00Z'); // 19 November, 18:00 local
    await expect(addReport(vault.session, caseId, report('2026-11-20'), now)).rejects.toThrow(/cannot be in the future/);
    await expect(addReport(vault.session, caseId, report('2026-11-19'), now)).resolves.toEqual(expect.any(String));
    const evidence = { caseId, name: 'note.txt', mediaType: 'text/plain', receivedOn: '2026-11-20', source: 'Supervisor', content: Buffer.from('a note') };
    await expect(addEvidenceBytes(vault.session, evidence, now)).rejects.toThrow(/cannot be received in the future/);
  });
});
