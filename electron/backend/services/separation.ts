import { AppError } from '../../../shared/contract';
import { checkSeparation, dualRolePolicySchema, MIN_POLICY_REASON, noDualRoles, type DualRolePolicy, type SeparationRule } from '../../../shared/security/separation';
import { appendAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import type { VaultSession } from '../vault/session';
import { getSetting, setSetting } from '../vault/settings';

const SETTING = 'separation.dual_roles';

/** The hub's dual-role setting; none stored means one person never holds two steps. */
export function dualRolePolicy(db: Db): DualRolePolicy {
  const raw = getSetting(db, SETTING);
  if (raw === undefined) return noDualRoles;
  const parsed = dualRolePolicySchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : noDualRoles;
}

/** A program manager allows (or again forbids) one person holding two steps of a decision; the reason is kept and printed. */
export function setDualRolePolicy(session: VaultSession, input: { allowed: boolean; reason: string }, now: Date): DualRolePolicy {
  if (session.user.role !== 'program_manager') {
    appendAudit(session.db, { actor: session.user.name, action: 'separation.refused', detail: { rule: 'settings_program_manager' } }, now);
    throw new AppError('forbidden', 'Only a program manager can change the separation-of-duties setting.');
  }
  const reason = input.reason.trim();
  if (reason.length < MIN_POLICY_REASON) throw new AppError('invalid_input', `Reason: write at least ${MIN_POLICY_REASON} characters saying why.`);
  const policy: DualRolePolicy = { allowed: input.allowed, reason, setBy: session.user.name, setAt: now.toISOString() };
  session.db.transaction(() => {
    setSetting(session.db, SETTING, JSON.stringify(policy));
    appendAudit(session.db, { actor: session.user.name, action: 'settings.dual_roles', detail: { allowed: input.allowed } }, now);
  })();
  return policy;
}

/**
 * Enforces one separation rule for the signed-in user. A refusal is audited (the
 * rule, never case text) and raised as `forbidden` naming the rule; the change
 * itself is not attempted. Returns whether the dual-role setting waived the rule,
 * so the caller can record that on its own event.
 */
export function enforceSeparation(session: VaultSession, rule: SeparationRule, earlier: string | null, caseId: string, now: Date): boolean {
  const verdict = checkSeparation(rule, session.user.name, earlier, dualRolePolicy(session.db));
  if (verdict.ok) return verdict.waived;
  appendAudit(session.db, { actor: session.user.name, action: 'separation.refused', caseId, detail: { rule } }, now);
  throw new AppError('forbidden', verdict.message);
}
