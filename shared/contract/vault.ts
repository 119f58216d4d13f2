import { z } from 'zod';
import { roleSchema } from '../domain/ids';
import { method } from './define';

/** A user name: what people type at the unlock screen. */
export const userNameSchema = z
  .string()
  .trim()
  .min(2, 'a user name has at least 2 characters')
  .max(64, 'a user name has at most 64 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._'-]*$/u, 'use letters, digits, spaces, dots, dashes, apostrophes or underscores');

/** A passphrase as typed. Strength is judged by shared/security/passphrase.ts, not here. */
export const passphraseSchema = z.string().min(1, 'enter a passphrase').max(1024, 'a passphrase has at most 1024 characters');

export const userSchema = z.object({
  name: z.string(),
  role: roleSchema,
  createdAt: z.string(),
});
export type VaultUser = z.infer<typeof userSchema>;

export const vaultStatusSchema = z.object({
  /** none: no vault yet (first run); locked: a vault exists; unlocked: a session is open. */
  state: z.enum(['none', 'locked', 'unlocked']),
  training: z.boolean(),
  user: userSchema.nullable(),
  idleLockMinutes: z.number().int().positive(),
});
export type VaultStatus = z.infer<typeof vaultStatusSchema>;

/** The recovery key: the database key as 64 hex digits, grouped for reading aloud. */
/** Why a program manager removes a user or replaces the vault keys: kept in the audit log. */
export const keyChangeReasonSchema = z.string().trim().min(3, 'Give a reason of at least 3 characters.').max(500, 'A reason has at most 500 characters.');

export const recoveryKeySchema = z.string().regex(/^[0-9a-f]{4}(-[0-9a-f]{4}){15}$/);

/** A program manager whose passphrase was reset with the recovery key (shown to program managers at unlock). */
export const recoveryNoticeSchema = z.object({ user: z.string(), at: z.string() });
export type RecoveryNotice = z.infer<typeof recoveryNoticeSchema>;

export const vaultContract = {
  'vault.status': method({
    summary: 'Whether a vault exists, is locked or unlocked, and by whom.',
    public: true,
    input: z.object({}).strict(),
    output: vaultStatusSchema,
  }),
  'vault.create': method({
    summary: 'Create the vault with its first user (a program manager); unlocks it and returns the recovery key, once.',
    public: true,
    input: z.object({ userName: userNameSchema, role: roleSchema, passphrase: passphraseSchema }).strict(),
    output: z.object({ user: userSchema, recoveryKey: recoveryKeySchema }),
  }),
  'vault.unlock': method({
    summary: 'Unlock with a user name and passphrase. A wrong passphrase is auth_failed and changes nothing.',
    public: true,
    input: z.object({ userName: userNameSchema, passphrase: passphraseSchema }).strict(),
    output: z.object({ user: userSchema, recoveries: z.array(recoveryNoticeSchema) }),
  }),
  'vault.recover': method({
    summary:
      "Set a new passphrase for an existing program manager with the recovery key, for a reason kept in the audit log; signs them in. A wrong key is auth_failed and changes nothing; every program manager is told at unlock.",
    public: true,
    input: z
      .object({
        recoveryKey: z.string().trim().min(1, 'enter the recovery key').max(200, 'a recovery key is 64 hexadecimal digits'),
        userName: userNameSchema,
        newPassphrase: passphraseSchema,
        reason: keyChangeReasonSchema,
      })
      .strict(),
    output: z.object({ user: userSchema, recoveries: z.array(recoveryNoticeSchema) }),
  }),
  'vault.lock': method({
    summary: 'Close the database and drop the key. Safe to call when already locked.',
    public: true,
    input: z.object({ reason: z.enum(['user', 'idle']).default('user') }).strict(),
    output: z.object({ state: z.literal('locked') }),
  }),
  'vault.changePassphrase': method({
    summary: "Change the signed-in user's passphrase.",
    input: z.object({ currentPassphrase: passphraseSchema, newPassphrase: passphraseSchema }).strict(),
    output: z.object({ changed: z.literal(true) }),
  }),
  'vault.rekey': method({
    summary: 'Replace the master and database keys (program manager), for a reason kept in the audit log; returns the new recovery key, once.',
    input: z.object({ passphrase: passphraseSchema, reason: keyChangeReasonSchema }).strict(),
    output: z.object({ recoveryKey: recoveryKeySchema }),
  }),
  'vault.setIdleLock': method({
    summary: 'Set the idle time after which the vault locks itself (program manager).',
    input: z.object({ minutes: z.number().int().min(1).max(240) }).strict(),
    output: z.object({ idleLockMinutes: z.number().int() }),
  }),
  'users.list': method({
    summary: 'Users of the vault with their roles.',
    input: z.object({}).strict(),
    output: z.array(userSchema),
  }),
  'users.add': method({
    summary: 'Add a user with a role and an initial passphrase (program manager).',
    input: z.object({ name: userNameSchema, role: roleSchema, passphrase: passphraseSchema }).strict(),
    output: userSchema,
  }),
  'users.remove': method({
    summary: 'Remove a user and their keyslot, replacing the vault keys (program manager; never the last program manager); returns the new recovery key, once.',
    input: z.object({ name: userNameSchema, reason: keyChangeReasonSchema }).strict(),
    output: z.object({ removed: z.literal(true), recoveryKey: recoveryKeySchema }),
  }),
  'users.setRole': method({
    summary: "Change a user's role: the program manager signs a new grant for it (never the last program manager's own role).",
    input: z.object({ name: userNameSchema, role: roleSchema }).strict(),
    output: z.object({ name: userNameSchema, role: roleSchema }),
  }),
  'audit.list': method({
    summary: 'Audit events, newest first, optionally of one case.',
    input: z
      .object({
        caseId: z.string().optional(),
        limit: z.number().int().min(1).max(500).default(100),
        beforeSeq: z.number().int().positive().optional(),
      })
      .strict(),
    output: z.array(
      z.object({
        seq: z.number().int(),
        at: z.string(),
        actor: z.string(),
        action: z.string(),
        caseId: z.string().nullable(),
        detail: z.record(z.string(), z.unknown()),
        /** What the case itself keeps about the event (the reason a name was revealed); gone with the case at disposition. */
        note: z.string().optional(),
      }),
    ),
  }),
  'audit.verify': method({
    summary: 'Walk the hash chain of the audit log; report the first broken link.',
    input: z.object({}).strict(),
    output: z.object({
      ok: z.boolean(),
      events: z.number().int(),
      firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
    }),
  }),
};
