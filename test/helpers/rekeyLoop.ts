/**
 * A child process for the rekey kill test, bundled by the test with esbuild: it
 * unlocks a vault through the backend's own code and rekeys it again and again,
 * printing "ready" once unlocked and "rekeyed" after each rekey. The test kills
 * it with SIGKILL at points of that loop.
 *
 * Usage: node rekeyLoop.cjs VAULT_DIR USER PASSPHRASE_FILE
 */
import { readFileSync, writeSync } from 'node:fs';
import { rekeyVault, unlockVault } from '../../electron/backend/vault/vault';

async function main(): Promise<void> {
  const [dir, user, passFile] = process.argv.slice(2);
  if (dir === undefined || user === undefined || passFile === undefined) throw new Error('usage: rekeyLoop VAULT_DIR USER PASSPHRASE_FILE');
  const passphrase = readFileSync(passFile, 'utf8').split('\n')[0] ?? '';
  const options = { now: () => new Date('2026-11-20T10:00:00Z'), kdf: 'fast-insecure-for-tests' as const };
  const session = await unlockVault(dir, user, passphrase, options);
  writeSync(1, 'ready\n');
  for (;;) {
    await rekeyVault(session, passphrase, options);
    writeSync(1, 'rekeyed\n');
  }
}

main().catch((error: unknown) => {
  writeSync(2, `rekeyLoop: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
