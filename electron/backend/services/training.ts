import { AppError } from '../../../shared/contract';
import { storeOf } from '../data';
import { countCases } from '../data/cases';
import type { KdfProfile } from '../vault/kdf';
import type { VaultSession } from '../vault/session';
import { openTrainingVault, resetTrainingVault, trainingVaultDir } from '../training/training';

/** The training vault of this workstation, opened (made on first use) or made afresh, with its number of cases. */
export async function openTraining(dataDir: string, options: { now: () => Date; kdf: KdfProfile }): Promise<{ session: VaultSession; cases: number }> {
  const session = await openTrainingVault(trainingVaultDir(dataDir), options);
  return { session, cases: await countCases(storeOf(session).q) };
}

/**
 * Makes the training vault afresh. Only the training vault can be reset: the
 * session in use must be it; it is closed (and `release` lets go of it) first.
 */
export async function resetTraining(current: VaultSession, release: () => void, dataDir: string, options: { now: () => Date; kdf: KdfProfile }): Promise<{ session: VaultSession; cases: number }> {
  if (!current.training) throw new AppError('forbidden', 'Only the training vault can be reset.');
  current.close();
  release();
  const session = await resetTrainingVault(trainingVaultDir(dataDir), options);
  return { session, cases: await countCases(storeOf(session).q) };
}

export { seedTrainingCases } from '../training/training';
