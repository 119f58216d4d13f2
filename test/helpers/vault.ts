import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Intake } from '../../shared/contract/cases';
import { createVault } from '../../electron/backend/vault/vault';
import type { VaultSession } from '../../electron/backend/vault/session';

export const TEST_PASSPHRASE = 'correct horse battery staple orbit';

export interface TestVault {
  dir: string;
  session: VaultSession;
  recoveryKey: string;
  now: () => Date;
  cleanup: () => void;
}

/** A real encrypted vault in a temp folder, with the fast test KDF. */
export async function createTestVault(options: { userName?: string; now?: () => Date; training?: boolean; withoutGrants?: boolean } = {}): Promise<TestVault> {
  const root = mkdtempSync(join(tmpdir(), 'offramp-vault-'));
  const dir = join(root, 'vault');
  const now = options.now ?? (() => new Date('2026-11-20T10:00:00Z'));
  const { session, recoveryKey } = await createVault(dir, { userName: options.userName ?? 'Dana Whitfield', role: 'program_manager', passphrase: TEST_PASSPHRASE, training: options.training ?? false }, { now, kdf: 'fast-insecure-for-tests', withoutGrants: options.withoutGrants === true });
  return {
    dir,
    session,
    recoveryKey,
    now,
    cleanup: () => {
      session.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The gambling-debt employee of the mitigation guide, as an intake. */
export function gamblingIntake(marker = ''): Intake {
  return {
    title: 'Gambling debt and borrowing from colleagues',
    program: 'dod',
    subject: { realName: 'Ted Marlow', employeeId: 'E-10442', orgUnit: 'Logistics', position: 'Supply specialist', clearance: 'Secret', facilityAccess: 'Building 4', systemAccess: 'Logistics ERP' },
    report: {
      receivedOn: '2026-11-02',
      howReceived: 'supervisor_referral',
      reporter: 'Supervisor, Logistics',
      reporterConfidential: true,
      narrative: `Ted has been borrowing money from several co-workers and mentioned large losses at an online casino. ${marker}`.trim(),
    },
    indicators: [
      { category: 'substance', stage: 'predisposition', observedOn: '2026-10-01', summary: 'Long-standing gambling habit', source: 'Supervisor', corroboration: 'partially_corroborated', basis: 'opinion' },
      { category: 'financial', stage: 'stressor', observedOn: '2026-10-20', summary: 'Large gambling debt', source: 'Co-workers', corroboration: 'corroborated', basis: 'fact' },
    ],
  };
}
