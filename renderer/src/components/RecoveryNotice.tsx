import { formatDate } from '../labels';
import { useSession } from '../stores/session';
import { Alert } from './Alert';

/** Shown to a program manager after unlock: passphrases reset with the recovery key are never silent. */
export function RecoveryNotice() {
  const recoveries = useSession((s) => s.recoveries);
  const dismiss = useSession((s) => s.dismissRecoveries);
  if (recoveries.length === 0) return null;
  return (
    <Alert kind="warn" className="recovery-notice" role="region" aria-label="Recovery key notice">
      <strong>Passphrase reset with the recovery key:</strong>{' '}
      {recoveries.map((r) => `${r.user} on ${formatDate(r.at)}`).join('; ')}. If you did not expect this, someone holding the recovery key may have taken over that
      program manager's identity: check the audit log in Administration.{' '}
      <button type="button" className="btn-link" onClick={dismiss}>
        Hide until next unlock
      </button>
    </Alert>
  );
}
