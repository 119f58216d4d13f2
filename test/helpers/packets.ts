import { generateIdentity, identityToRecipient } from 'age-encryption';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Intake } from '../../shared/contract/cases';
import { createCase } from '../../electron/backend/services/cases';
import { addEvidenceBytes } from '../../electron/backend/services/evidence';
import { createVault } from '../../electron/backend/vault/vault';
import { gamblingIntake, TEST_PASSPHRASE, type TestVault } from './vault';

/** The subject's real name in the packet fixture: it appears nowhere in the case's free text. */
export const SUBJECT_NAME = 'Ted Marlow';

/** The gambling-debt case with more indicators (foreign contact, a threat) and a confidential reporter. */
export function packetIntake(): Intake {
  const intake = gamblingIntake();
  intake.report.narrative = 'The employee has been borrowing money from several co-workers and mentioned large losses at an online casino.';
  intake.indicators = [
    ...intake.indicators,
    { category: 'foreign', stage: 'concerning_behavior', observedOn: '2026-11-01', summary: 'Unreported contact with a foreign national', source: 'Security office', corroboration: 'uncorroborated', basis: 'fact' },
    { category: 'criminal_violent', stage: 'stressor', observedOn: '2026-11-03', summary: 'Arrest for a bar fight', source: 'Records check', corroboration: 'corroborated', basis: 'fact' },
    { category: 'judgment_psychological', stage: 'predisposition', observedOn: '2026-09-15', summary: 'Reported episodes of severe anxiety', source: 'Supervisor', corroboration: 'uncorroborated', basis: 'opinion' },
  ];
  return intake;
}

export const evidenceFiles = {
  statement: { name: 'Bank statement (Oct) é.pdf', mediaType: 'application/pdf', content: Buffer.from('%PDF-1.4\n% fake statement for tests\n') },
  chat: { name: '../chat log.txt', mediaType: 'text/plain', content: Buffer.from('13:02 lend me 500? I will pay back Friday\n'.repeat(50)) },
};

export interface PacketCase {
  caseId: string;
  number: string;
  evidenceIds: string[];
}

/** Opens the packet fixture case in a vault and takes in two evidence files. */
export async function openPacketCase(vault: TestVault): Promise<PacketCase> {
  const { db, user } = vault.session;
  const { id, number } = createCase(db, user, packetIntake(), vault.now());
  const evidenceIds: string[] = [];
  for (const f of Object.values(evidenceFiles)) {
    evidenceIds.push((await addEvidenceBytes(vault.session, { caseId: id, name: f.name, mediaType: f.mediaType, receivedOn: '2026-11-05', source: 'Supervisor', content: f.content }, vault.now())).id);
  }
  return { caseId: id, number, evidenceIds };
}

export interface AgeKeys {
  identity: string;
  recipient: string;
  /** An age key file as age-keygen writes it. */
  keyFile: string;
}

export async function ageKeys(dir: string, name = 'key.txt'): Promise<AgeKeys> {
  const identity = await generateIdentity();
  const recipient = await identityToRecipient(identity);
  const keyFile = join(dir, name);
  writeFileSync(keyFile, `# created: 2026-11-20T10:00:00Z\n# public key: ${recipient}\n${identity}\n`, { mode: 0o600 });
  return { identity, recipient, keyFile };
}

/** A scratch folder with a `medium` subfolder standing in for a mounted volume. */
export function scratch(prefix = 'offramp-packet-'): { root: string; medium: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const medium = join(root, 'medium');
  mkdirSync(medium);
  return { root, medium, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A second vault (the receiving hub), optionally a training vault. */
export async function receivingVault(root: string, training = false, now = () => new Date('2026-11-21T09:00:00Z')): Promise<TestVault> {
  const dir = join(root, `receiver-${training ? 'training' : 'real'}-${Math.random().toString(36).slice(2)}`);
  const { session, recoveryKey } = await createVault(dir, { userName: 'Rita Okafor', role: 'program_manager', passphrase: TEST_PASSPHRASE, training }, { now, kdf: 'fast-insecure-for-tests' });
  return { dir, session, recoveryKey, now, cleanup: () => session.close() };
}
