import { z } from 'zod';

/**
 * Separation of duties: who may not hold two steps of the same decision. The
 * rules live here, in one place, so the services enforce them and the renderer
 * can explain them with the same words.
 */
export const separationRules = {
  proposer_not_signer: 'The person who proposed an action cannot also give its legal sign-off.',
  signer_not_approver: 'The person who gave an action its legal sign-off cannot also approve it.',
  lead_not_sole_closer: "A case's lead cannot approve closing their own case alone; another program manager must approve it.",
} as const;
export type SeparationRule = keyof typeof separationRules;
export const separationRuleIds = Object.keys(separationRules) as SeparationRule[];

/**
 * A small hub may let one person hold two of these roles. Only a program manager
 * sets it, with a reason, and the case summary prints it.
 */
export const dualRolePolicySchema = z
  .object({
    allowed: z.boolean(),
    reason: z.string(),
    setBy: z.string(),
    setAt: z.string(),
  })
  .strict();
export type DualRolePolicy = z.infer<typeof dualRolePolicySchema>;

export const noDualRoles: DualRolePolicy = { allowed: false, reason: '', setBy: '', setAt: '' };

export const MIN_POLICY_REASON = 10;

export type SeparationVerdict = { ok: true; waived: boolean } | { ok: false; rule: SeparationRule; message: string };

/**
 * Whether `actor` may take the step that `rule` guards, given who took the
 * earlier step (`earlier`, null when nobody did). The same person on both steps
 * is refused unless the hub's dual-role setting allows it (then `waived`).
 */
export function checkSeparation(rule: SeparationRule, actor: string, earlier: string | null, policy: DualRolePolicy): SeparationVerdict {
  if (earlier === null || earlier !== actor) return { ok: true, waived: false };
  if (policy.allowed) return { ok: true, waived: true };
  return { ok: false, rule, message: `${separationRules[rule]} (Separation of duties: the program manager can allow one person two roles in Settings for a small hub.)` };
}

/** Discontinue, close and reopen are confirmed with a reason of at least this many characters. */
export const MIN_DECISION_REASON = 10;
