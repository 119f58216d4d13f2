import { useEffect, useState } from 'react';
import type { AnchorStatus } from '../../../shared/contract/records';
import { call } from '../api/client';
import { useNavigation } from '../stores/navigation';
import { useSession } from '../stores/session';
import { Alert } from './Alert';

/** A moment as this workstation shows it, in its own time zone. */
export const localStamp = (iso: string) => new Date(iso).toLocaleString();

/** Home: reminds a program manager that an audit anchor is due, as the backup reminder does. */
export function AnchorReminder() {
  const go = useNavigation((s) => s.go);
  const isManager = useSession((s) => s.status?.user?.role === 'program_manager');
  const [status, setStatus] = useState<AnchorStatus | null>(null);
  useEffect(() => {
    // A convenience: if the status cannot be read, the home screen still shows.
    if (isManager) call('anchor.status', {}).then(setStatus, () => setStatus(null));
  }, [isManager]);
  if (!isManager || status?.due !== true) return null;
  return (
    <Alert kind="warn" className="home-backup-reminder" role="region" aria-labelledby="anchor-reminder-title">
      <div>
        <strong id="anchor-reminder-title">Audit anchor due</strong>{' '}
        {status.lastAnchorAt === null
          ? 'No audit anchor has left this vault yet.'
          : `The last audit anchor left the vault on ${localStamp(status.lastAnchorAt)}; one is due every ${status.reminderDays} days.`}{' '}
        Export one to removable media and keep it apart from the vault.
      </div>
      <button type="button" className="btn" onClick={() => go({ name: 'records' })}>
        Go to Records
      </button>
    </Alert>
  );
}
