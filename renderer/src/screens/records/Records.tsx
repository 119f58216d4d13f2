import { useEffect, useState } from 'react';
import type { BackupStatus } from '../../../../shared/contract/records';
import { call, errorMessage } from '../../api/client';
import { usePrint } from '../../stores/print';
import { useSession } from '../../stores/session';
import { BackupCard } from './BackupCard';
import { RestoreCard } from './RestoreCard';
import { RulesCard } from './RulesCard';
import { DispositionCard } from './DispositionCard';
import { AnchorCard } from './AnchorCard';
import { Alert } from '../../components/Alert';

/** Records: backup and restore of the vault, retention rules and disposition of cases whose retention has run out. */
export function Records() {
  const role = useSession((s) => s.status?.user?.role);
  const isManager = role === 'program_manager';
  const printOutcome = usePrint((s) => s.outcome);
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The due list is read again whenever the rules change.
  const [rulesVersion, setRulesVersion] = useState(0);
  useEffect(() => {
    call('backup.status', {}).then(setStatus, (e: unknown) => setError(errorMessage(e)));
  }, []);
  return (
    <section className="screen stack" aria-labelledby="screen-title">
      <div className="screen-head">
        <div>
          <h1 id="screen-title">Records</h1>
          <p className="muted">Backups to removable media, restore, retention rules and disposition.</p>
        </div>
      </div>
      {error !== null ? (
        <Alert kind="error">
          {error}
        </Alert>
      ) : null}
      {printOutcome !== null ? (
        <Alert kind={printOutcome.kind} role="status">
          {printOutcome.text}
        </Alert>
      ) : null}
      <div className="grid-2">
        <BackupCard status={status} onChanged={setStatus} isManager={isManager} />
        {isManager ? (
          <RestoreCard />
        ) : (
          <section className="card stack" aria-labelledby="restore-title">
            <h2 id="restore-title">Restore</h2>
            <p className="muted">Only a program manager restores a backup.</p>
          </section>
        )}
      </div>
      {isManager ? <AnchorCard /> : null}
      <RulesCard isManager={isManager} onSaved={() => setRulesVersion((v) => v + 1)} />
      <DispositionCard key={rulesVersion} isManager={isManager} />
    </section>
  );
}
