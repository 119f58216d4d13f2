import type { KdfProfile } from '../vault/kdf';
import type { VaultSession } from '../vault/session';
import { openTrainingVault, resetTrainingVault, trainingVaultDir } from '../training/training';

/** The training vault of this workstation, opened (made on first use) or made afresh, with its number of cases. */
export async function openTraining(dataDir: string, options: { now: () => Date; kdf: KdfProfile }): Promise<{ session: VaultSession; cases: number }> {
  const session = await openTrainingVault(trainingVaultDir(dataDir), options);
  return { session, cases: caseCount(session) };
}

export async function resetTraining(dataDir: string, options: { now: () => Date; kdf: KdfProfile }): Promise<{ session: VaultSession; cases: number }> {
  const session = await resetTrainingVault(trainingVaultDir(dataDir), options);
  return { session, cases: caseCount(session) };
}

const caseCount = (session: VaultSession) => (session.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;

export { seedTrainingCases } from '../training/training';
