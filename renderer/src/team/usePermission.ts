import { can, type Operation, type Relation } from '../../../shared/security/permissions';
import { useSession } from '../stores/session';

/**
 * Whether the signed-in user may do `op`, from the same permission map the
 * backend enforces (shared/security/permissions.ts). The screen uses it to
 * show, disable or hide; the backend still decides.
 */
export function useCan(op: Operation, relation: Relation = 'none'): boolean {
  const user = useSession((s) => s.status?.user);
  if (user === undefined || user === null) return false;
  return can(user, op, relation);
}
