import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { analysisInputSchema, assessmentInputSchema } from '../../../shared/contract/casework';
import { createCase } from '../services/cases';
import { addIndicator, recordAssessment, saveAnalysisItem, setDeterminations } from '../services/casework';
import { appendAudit } from '../vault/audit';
import type { KdfProfile } from '../vault/kdf';
import type { VaultSession } from '../vault/session';
import { addUser, createVault, unlockVault } from '../vault/vault';
import { trainingCases } from './cases';

/**
 * The training vault: a separate, encrypted vault of fictional cases, never the
 * real one. Its users and passphrases are published in the guide to the training
 * vault, since it holds nothing real.
 */
export const TRAINING_USER = { name: 'Trainee', role: 'program_manager' as const, passphrase: 'practice on fictional cases only' };
export const TRAINING_LEGAL_USER = { name: 'Legal Trainer', role: 'legal' as const, passphrase: 'counsel signs off on practice plans' };

export function trainingVaultDir(dataDir: string): string {
  return join(dataDir, 'training-vault');
}

/** Fills a new training vault with the guides' cases at their mid-point. */
export async function seedTrainingCases(session: VaultSession, now: Date): Promise<number> {
  for (const t of trainingCases) {
    const { id } = createCase(session.db, session.user, t.intake, now);
    for (const indicator of t.indicators) await addIndicator(session, id, null, indicator, now);
    for (const item of t.analysis) await saveAnalysisItem(session, analysisInputSchema.parse({ caseId: id, ...item }), now);
    await recordAssessment(session, assessmentInputSchema.parse({ caseId: id, ...t.assessment }), now);
    await setDeterminations(session, id, t.determinations.map(([factId, value]) => ({ factId, value, note: '' })), now);
  }
  appendAudit(session.db, { actor: session.user.name, action: 'training.seed', detail: { cases: trainingCases.length } }, now);
  return trainingCases.length;
}

async function create(dir: string, options: { now: () => Date; kdf: KdfProfile }): Promise<VaultSession> {
  const { session } = await createVault(dir, { ...TRAINING_USER, userName: TRAINING_USER.name, training: true }, options);
  await addUser(session, TRAINING_LEGAL_USER, options);
  await seedTrainingCases(session, options.now());
  return session;
}

/** Opens the training vault as the trainee, creating and seeding it on first use. */
export async function openTrainingVault(dir: string, options: { now: () => Date; kdf: KdfProfile }): Promise<VaultSession> {
  if (!existsSync(join(dir, 'keyslots.json'))) return create(dir, options);
  return unlockVault(dir, TRAINING_USER.name, TRAINING_USER.passphrase, options);
}

/** Restores the training vault to its initial state in one step. */
export async function resetTrainingVault(dir: string, options: { now: () => Date; kdf: KdfProfile }): Promise<VaultSession> {
  rmSync(dir, { recursive: true, force: true });
  return create(dir, options);
}
