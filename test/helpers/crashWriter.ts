/**
 * A child process for the crash-safety test, bundled by the test with esbuild: it
 * unlocks a vault through the backend's own code and opens cases in a loop,
 * printing each case number on standard output once its transaction has
 * committed. The test kills it with SIGKILL at some point of that loop.
 *
 * Usage: node crashWriter.cjs VAULT_DIR USER PASSPHRASE_FILE
 */
import { readFileSync, writeSync } from 'node:fs';
import { createCase } from '../../electron/backend/services/cases';
import { unlockVault } from '../../electron/backend/vault/vault';
import { gamblingIntake } from './vault';

async function main(): Promise<void> {
  const [dir, user, passFile] = process.argv.slice(2);
  if (dir === undefined || user === undefined || passFile === undefined) throw new Error('usage: crashWriter VAULT_DIR USER PASSPHRASE_FILE');
  const passphrase = readFileSync(passFile, 'utf8').split('\n')[0] ?? '';
  const now = () => new Date('2026-11-20T10:00:00Z');
  const session = await unlockVault(dir, user, passphrase, { now });
  for (let i = 0; ; i++) {
    const { number } = createCase(session.db, session.user, gamblingIntake(`crash loop ${i}`), now());
    // Synchronous, so the line leaves the process before the next case begins.
    writeSync(1, `${number}\n`);
  }
}

main().catch((error: unknown) => {
  writeSync(2, `crashWriter: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
