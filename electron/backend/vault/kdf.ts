import { randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';

/**
 * scrypt parameters, stored with each keyslot so they can be raised later without
 * locking anyone out. N=2^17, r=8 takes about half a second on a 2-core
 * workstation and 128 MiB of memory: slow for a guesser, bearable at unlock.
 */
export const kdfParamsSchema = z.object({
  name: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(1024)
    .max(2 ** 22)
    .refine((n) => (n & (n - 1)) === 0, 'scrypt N is a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.string().min(16),
})
  // At most 1 GiB of memory (128·N·r bytes) and a bounded amount of work: a
  // tampered header must not make an unlock hang or exhaust memory.
  .refine((k) => k.N * k.r <= 2 ** 23 && k.N * k.r * k.p <= 2 ** 24, 'scrypt parameters within bounds');
export type KdfParams = z.infer<typeof kdfParamsSchema>;

export type KdfProfile = 'default' | 'fast-insecure-for-tests';

export function newKdfParams(profile: KdfProfile = 'default'): KdfParams {
  const salt = randomBytes(16).toString('base64');
  // The fast profile exists only so test suites can create many vaults; it is
  // recorded in the slot, so it never weakens a slot made with the default.
  return profile === 'default' ? { name: 'scrypt', N: 2 ** 17, r: 8, p: 1, salt } : { name: 'scrypt', N: 1024, r: 8, p: 1, salt };
}

/** Derives the 256-bit key-encryption key from a passphrase (off the main thread). */
export function deriveKey(passphrase: string, params: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(params.salt, 'base64'),
      32,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 16 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}
