import { useCallback, useEffect, useState } from 'react';
import { type DispositionCertificate, type DispositionDue } from '../../../../shared/model/retention';
import { call, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FocusedStatus } from '../../components/FocusedStatus';
import { MIN_DECISION_REASON } from '../../../../shared/security/separation';
import { statusLabels } from '../../labels';
import { useNavigation } from '../../stores/navigation';
import { usePrint, type PageSize, type PrintMode } from '../../stores/print';
import { useRecords } from '../../stores/records';
import { PaperChoice, PrintActions } from '../case/PrintDialog';
import { programLabel, stamp } from './format';
import { ReasonField } from './ReasonField';
import { Alert } from '../../components/Alert';

function DisposeDialog({ due, onClose, onDisposed }: { due: DispositionDue; onClose: () => void; onDisposed: (c: DispositionCertificate) => void }) {
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dispose = async () => {
    if (reason.trim().length < MIN_DECISION_REASON) {
      setReasonError(`Reason: write at least ${MIN_DECISION_REASON} characters saying why.`);
      return;
    }
    setReasonError(undefined);
    setBusy(true);
    try {
      onDisposed(await call('retention.dispose', { caseId: due.caseId, confirmNumber: typed, reason: reason.trim() }));
    } catch (error) {
      setFailure(errorMessage(error));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={`Dispose of case ${due.number}?`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" data-dialog-close onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" disabled={busy || typed.trim().toUpperCase() !== due.number.toUpperCase()} onClick={() => void dispose()}>
            Dispose of the case
          </button>
        </>
      }
    >
      <p>
        All of the case’s data is deleted from the vault and cannot be recovered: its record, indicators, assessments, plans, reports, evidence files and search entries. Only an
        audit entry remains, from which the disposition certificate is printed.
      </p>
      <p>
        Rule applied: {statusLabels[due.rule.status].toLowerCase()} cases of {programLabel(due.rule.program).toLowerCase()}, kept {due.rule.years} years after{' '}
        {due.rule.measuredFrom === 'closure' ? 'closure' : 'the last activity'} ({due.rule.authority}); due since {due.dueOn}.
      </p>
      {failure !== null ? (
        <Alert kind="error">
          {failure}
        </Alert>
      ) : null}
      <Field label="Type the case number to approve" required hint={`As program manager, you approve this disposition by typing ${due.number}.`}>
        {(props) => <input {...props} type="text" className="mono" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />}
      </Field>
      <ReasonField
        reason={reason}
        error={reasonError}
        hint="Kept with the disposition’s audit entry and printed on its certificate."
        onChange={(text, longEnough) => {
          setReason(text);
          if (longEnough) setReasonError(undefined);
        }}
      />
    </Dialog>
  );
}

function PrintCertificateDialog({ certificate, onClose }: { certificate: DispositionCertificate; onClose: () => void }) {
  const start = usePrint((s) => s.start);
  const [pageSize, setPageSize] = useState<PageSize>('Letter');
  const run = (mode: PrintMode) => start({ kind: 'disposition', certificate, pageSize, mode, returnTo: { name: 'records' } });
  return (
    <Dialog title="Print the disposition certificate" onClose={onClose} actions={<PrintActions onCancel={onClose} onRun={run} busy={false} />}>
      <div className="stack">
        <p className="hint">
          The certificate of case <span className="mono">{certificate.caseNumber}</span>, printed with the markings. Printing is recorded in the audit log.
        </p>
        <PaperChoice value={pageSize} onChange={setPageSize} />
      </div>
    </Dialog>
  );
}

export function DispositionCard({ isManager }: { isManager: boolean }) {
  const go = useNavigation((s) => s.go);
  const certificates = useRecords((s) => s.certificates);
  const addCertificate = useRecords((s) => s.addCertificate);
  const dismissPrintOutcome = usePrint((s) => s.dismiss);
  const [due, setDue] = useState<{ asOf: string; cases: DispositionDue[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [disposing, setDisposing] = useState<DispositionDue | null>(null);
  const [printing, setPrinting] = useState<DispositionCertificate | null>(null);
  const [message, setMessage] = useState<{ text: string } | null>(null);

  const load = useCallback(async () => {
    try {
      setDue(await call('retention.due', {}));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const disposed = (certificate: DispositionCertificate) => {
    setDisposing(null);
    addCertificate(certificate);
    setMessage({ text: `Case ${certificate.caseNumber} was disposed of. Its data is deleted; the audit entry and the certificate below remain.` });
    void load();
  };

  return (
    <section className="card stack" aria-labelledby="due-title">
      <h2 id="due-title">Disposition due</h2>
      <p className="hint">Cases whose retention period has run out{due === null ? '' : ` as of ${due.asOf}`}. A case on legal hold stays listed and cannot be disposed of until the hold is cleared.</p>
      {error !== null ? (
        <Alert kind="error">
          {error}
        </Alert>
      ) : null}
      {message !== null ? (
        <FocusedStatus kind="ok" token={message}>
          {message.text}
        </FocusedStatus>
      ) : null}
      {due === null ? null : due.cases.length === 0 ? (
        <p className="muted">No case is due for disposition.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Program</th>
              <th scope="col">Status</th>
              <th scope="col">Retention started</th>
              <th scope="col">Due since</th>
              <th scope="col">Rule</th>
              <th scope="col">Legal hold</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {due.cases.map((d) => (
              <tr key={d.caseId}>
                <td>
                  <button type="button" className="btn-link mono" onClick={() => go({ name: 'case', caseId: d.caseId, tab: 'closure' })}>
                    {d.number}
                  </button>
                </td>
                <td>{programLabel(d.program)}</td>
                <td>{statusLabels[d.status]}</td>
                <td>{d.startedOn}</td>
                <td>{d.dueOn}</td>
                <td>
                  {d.rule.years} years from {d.rule.measuredFrom === 'closure' ? 'closure' : 'last activity'}
                  <div className="hint">{d.rule.authority}</div>
                </td>
                <td>{d.legalHold ? <span className="badge badge-critical">On legal hold</span> : <span className="muted">None</span>}</td>
                <td>
                  {isManager ? (
                    <button
                      type="button"
                      className="btn"
                      disabled={d.legalHold}
                      title={d.legalHold ? 'On legal hold: clear the hold on the case’s Closure tab first.' : undefined}
                      aria-label={`Dispose of ${d.number}…`}
                      onClick={() => setDisposing(d)}
                    >
                      Dispose…
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!isManager ? <p className="muted">Only a program manager approves a disposition.</p> : null}
      {certificates.length > 0 ? (
        <div className="stack">
          <h3>Disposition certificates from this session</h3>
          <ul className="plain-list records-certificates">
            {certificates.map((c) => (
              <li key={c.caseId}>
                <span>
                  <span className="mono">{c.caseNumber}</span> · disposed of {stamp(c.disposedAt)} · approved by {c.approvedBy} · audit event #{c.audit.seq}
                  {c.auditChainVerified ? ' · chain verified' : ' · CHAIN NOT VERIFIED'}
                </span>
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    dismissPrintOutcome();
                    setPrinting(c);
                  }}
                  aria-label={`Print the certificate of ${c.caseNumber}…`}
                >
                  Print certificate…
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {disposing !== null ? <DisposeDialog due={disposing} onClose={() => setDisposing(null)} onDisposed={disposed} /> : null}
      {printing !== null ? <PrintCertificateDialog certificate={printing} onClose={() => setPrinting(null)} /> : null}
    </section>
  );
}
