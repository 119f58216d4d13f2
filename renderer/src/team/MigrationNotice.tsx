import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { call } from '../api/client';
import { useCan } from './usePermission';
import { Alert } from '../components/Alert';

/**
 * Once, for the program manager: what the move to case teams did to this vault
 * (every case's creator became its lead, past workers its members). The backend
 * hands the notice out once and records that it was shown.
 */
export function MigrationNotice() {
  const isManager = useCan('audit.log');
  const [notice, setNotice] = useState<MethodOutput<'team.migrationNotice'>>(null);
  useEffect(() => {
    if (!isManager) return;
    call('team.migrationNotice', {}).then(setNotice, () => setNotice(null));
  }, [isManager]);
  if (notice === null) return null;
  return (
    <Alert kind="warn" role="region" aria-label="Case teams introduced">
      <p>
        <strong>Cases now have teams.</strong> Each of the {notice.cases} case{notice.cases === 1 ? '' : 's'} got its creator as lead ({notice.leads} lead
        {notice.leads === 1 ? '' : 's'}), and {notice.added} team membership{notice.added === 1 ? '' : 's'} were added for people who had worked on them ({notice.memberships} in all).
        Anyone but you now sees only the cases whose team they are on. Review each case&apos;s Team tab; changes ask for a reason.
      </p>
    </Alert>
  );
}
