import { useEffect, useState } from 'react';
import type { AnchorExportResult, AnchorStatus } from '../../../../shared/contract/records';
import { call, errorMessage } from '../../api/client';
import { localStamp as stamp } from '../../components/AnchorReminder';
import { Alert } from '../../components/Alert';


/**
 * Records: "Export audit anchor" (program managers). The anchor, signed with
 * the manager's own key, records how long the audit log is and the hash of its
 * last event; kept outside the vault, it shows later whether events were
 * removed or rewritten (offramp audit verify --anchor FILE).
 */
export function AnchorCard() {
  const [status, setStatus] = useState<AnchorStatus | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<AnchorExportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    call('anchor.status', {}).then(setStatus, (e: unknown) => setFailure(errorMessage(e)));
  }, []);
  const run = async () => {
    setRunning(true);
    setResult(null);
    setFailure(null);
    try {
      setResult(await call('anchor.export', {}));
      setStatus(await call('anchor.status', {}));
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setRunning(false);
    }
  };
  return (
    <section className="card stack" aria-labelledby="anchor-title">
      <div className="records-card-head">
        <h2 id="anchor-title">Audit anchor</h2>
        {status !== null ? <span className={`badge ${status.due ? 'badge-moderate' : 'badge-low'}`}>{status.due ? 'Anchor due' : 'Up to date'}</span> : null}
      </div>
      <p className="hint">
        A signed record of how far the audit log reached, kept outside the vault. If events are later removed or rewritten, even by someone holding the database key, checking the
        log against this file shows it.
      </p>
      {status !== null ? (
        <dl className="kv">
          <dt>Last anchor outside the vault</dt>
          <dd data-testid="last-anchor">{status.lastAnchorAt === null ? 'None yet' : `${stamp(status.lastAnchorAt)} (an anchor or a verified backup)`}</dd>
          <dt>Reminder</dt>
          <dd>After {status.reminderDays} days, as for backups</dd>
        </dl>
      ) : null}
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={() => void run()} disabled={running}>
          Export audit anchor…
        </button>
        <span className="hint">Offramp asks for the folder or removable volume to write to.</span>
      </div>
      {result !== null ? (
        <Alert kind="ok" className="stack records-result">
          <strong>Audit anchor written.</strong>
          <dl className="kv">
            <dt>Written to</dt>
            <dd className="mono records-path">{result.path}</dd>
            <dt>Audit log</dt>
            <dd>
              {result.events} events, last event hash <span className="mono">{result.headHash.slice(0, 12)}…</span>
            </dd>
          </dl>
          <span>Keep the medium in approved storage. To check the log against it: offramp audit verify --anchor FILE.</span>
        </Alert>
      ) : null}
      {failure !== null ? (
        <Alert kind="error">
          <strong>The audit anchor was not written.</strong> {failure}
        </Alert>
      ) : null}
    </section>
  );
}
