import { resolve } from 'node:path';
import { appendAudit } from '../vault/audit';
import { readHeader } from '../vault/keyslots';
import type { VaultSession } from '../vault/session';
import { unlockVault } from '../vault/vault';
import { CliError, exitCodes } from './exitCodes';
import { obtainSecret } from './secrets';
import type { CliIo } from './types';

/**
 * Unlocks a vault for one command and locks it again afterwards, both audited.
 * Without --user, a vault with a single user is opened as that user.
 */
export async function withVaultSession<T>(
  options: { vault: string; user: string | undefined; passphraseFile: string | undefined; command: string },
  io: CliIo,
  run: (session: VaultSession) => Promise<T>,
): Promise<T> {
  const dir = resolve(io.cwd, options.vault);
  let user = options.user;
  if (user === undefined) {
    const slots = readHeader(dir).slots;
    const only = slots[0];
    if (slots.length !== 1 || only === undefined) {
      throw new CliError(exitCodes.usage, `The vault has ${slots.length} users: name yours with --user. See "offramp ${options.command} --help".`);
    }
    user = only.user;
  }
  const passphrase = await obtainSecret(options.passphraseFile, io, `Passphrase for ${user}: `);
  const session = await unlockVault(dir, user, passphrase, { now: () => new Date() });
  try {
    return await run(session);
  } finally {
    try {
      appendAudit(session.db, { actor: session.user.name, action: 'vault.lock', detail: { reason: 'quit' } }, new Date());
    } finally {
      session.close();
    }
  }
}
