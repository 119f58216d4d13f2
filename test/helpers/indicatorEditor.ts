/**
 * A second Offramp program on the same vault, for the concurrent-edit test,
 * bundled by the test with esbuild: it unlocks the vault as its own user and,
 * for each line "VERSION" on standard input, saves the indicator through the
 * casework service as a form filled at that version would, printing the
 * outcome as one JSON line.
 *
 * Usage: node indicatorEditor.cjs VAULT_DIR USER PASSPHRASE_FILE CASE_ID INDICATOR_ID
 */
import { readFileSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { AppError } from '../../shared/contract';
import { updateIndicator } from '../../electron/backend/services/casework';
import { unlockVault } from '../../electron/backend/vault/vault';

async function main(): Promise<void> {
  const [dir, user, passFile, caseId, indicatorId] = process.argv.slice(2);
  if (dir === undefined || user === undefined || passFile === undefined || caseId === undefined || indicatorId === undefined) throw new Error('usage: indicatorEditor VAULT_DIR USER PASSPHRASE_FILE CASE_ID INDICATOR_ID');
  const passphrase = readFileSync(passFile, 'utf8').split('\n')[0] ?? '';
  const now = () => new Date('2026-11-20T10:07:00Z');
  const session = await unlockVault(dir, user, passphrase, { now, kdf: 'fast-insecure-for-tests' });
  writeSync(1, 'ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    const version = Number(line);
    const fields = { category: 'financial', stage: 'concerning_behavior', observedOn: '2026-11-10', summary: `${user} at version ${version}`, detail: '', source: 'Co-workers', corroboration: 'corroborated', basis: 'fact' } as const;
    try {
      writeSync(1, `${JSON.stringify({ ok: true, version: await updateIndicator(session, caseId, indicatorId, fields, now(), version) })}\n`);
    } catch (error) {
      writeSync(1, `${JSON.stringify({ ok: false, code: error instanceof AppError ? error.code : 'unexpected', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })}\n`);
    }
  }
  session.close();
}

main().catch((error: unknown) => {
  writeSync(2, `indicatorEditor: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
