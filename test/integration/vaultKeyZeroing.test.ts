import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Keyslots from '../../electron/backend/vault/keyslots';
import { changePassphrase, rekeyVault } from '../../electron/backend/vault/vault';
import { createTestVault, TEST_PASSPHRASE, type TestVault } from '../helpers/vault';

/** Every key buffer a passphrase opened, as handed to the vault layer. */
const opened: Buffer[] = [];

vi.mock('../../electron/backend/vault/keyslots', async (importOriginal) => {
  const actual = await importOriginal<typeof Keyslots>();
  return {
    ...actual,
    openSlot: async (...args: Parameters<typeof actual.openSlot>) => {
      const result = await actual.openSlot(...args);
      if (result !== null) {
        opened.push(result.masterKey);
        if (result.keys !== null) opened.push(result.keys.masterKey);
      }
      return result;
    },
  };
});

let vault: TestVault;
afterEach(() => vault.cleanup());
const options = () => ({ now: vault.now, kdf: 'fast-insecure-for-tests' as const });
const zeroed = (b: Buffer) => b.every((byte) => byte === 0);

describe('key buffers', () => {
  it('passwd zeroes every key its passphrase check unwrapped', async () => {
    vault = await createTestVault();
    opened.length = 0;
    await changePassphrase(vault.session, TEST_PASSPHRASE, 'meadow cobalt lighthouse anvil', options());
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.every(zeroed)).toBe(true);
    // The session's own master key is untouched until it locks.
    expect(zeroed(vault.session.masterKey)).toBe(false);
  });

  it('rekey zeroes every key its passphrase check unwrapped, and the session key is zeroed at lock', async () => {
    vault = await createTestVault();
    opened.length = 0;
    await rekeyVault(vault.session, TEST_PASSPHRASE, options());
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.every(zeroed)).toBe(true);
    const sessionKey = vault.session.masterKey;
    vault.session.close();
    expect(zeroed(sessionKey)).toBe(true);
  });
});
