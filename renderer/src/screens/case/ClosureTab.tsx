import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract';
import type { CaseView } from '../../../../shared/contract/cases';
import { reopenReasonLabels, reopenReasons, type ReopenReason } from '../../../../shared/model/closure';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { formatDate, riskLabels } from '../../labels';
import { useCurrentCase } from '../../stores/currentCase';
import { useNavigation } from '../../stores/navigation';
import { useSession } from '../../stores/session';

type Readiness = MethodOutput<'closure.readiness'>;

function FinalAssessment({ view, onChanged }: { view: CaseView; onChanged: (text: string | null) => void }) {
  const load = useCurrentCase((s) => s.load);
  const go = useNavigation((s) => s.go);
  const latest = view.assessments.at(-1);
  const mark = async () => {
    if (latest === undefined) return;
    try {
      await call('assessment.markFinal', { caseId: view.case.id, assessmentId: latest.id });
      await load(view.case.id);
      onChanged(null);
    } catch (e) {
      onChanged(errorMessage(e));
    }
  };
  return (
    <section className="card stack" aria-labelledby="final-title">
      <h2 id="final-title">Final assessment</h2>
      {latest === undefined ? (
        <p className="muted">No assessment yet.</p>
      ) : (
        <p>
          {latest.isFinal ? <strong>Final: </strong> : 'Latest: '}
          {formatDate(latest.assessedAt)} by {latest.assessedBy}, {riskLabels[latest.risk].toLowerCase()} risk. “{latest.rationale}”
        </p>
      )}
      {view.case.status !== 'closed' ? (
        <div className="row">
          {latest !== undefined && !latest.isFinal ? (
            <button type="button" className="btn btn-primary" onClick={() => void mark()}>
              Mark as final assessment
            </button>
          ) : null}
          <button type="button" className="btn" onClick={() => go({ name: 'case', caseId: view.case.id, tab: 'assessment' })}>
            Record a new assessment
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** Close: only with a reason, a final assessment, every obligation recorded, a post-separation safety plan where needed, and a program manager's approval. */
export function ClosureTab({ view }: { view: CaseView }) {
  const load = useCurrentCase((s) => s.load);
  const role = useSession((s) => s.status?.user?.role);
  const [readiness, setReadiness] = useState<Readiness | null>(null);
  const [reason, setReason] = useState('');
  const [reopenReason, setReopenReason] = useState<ReopenReason>('new_information');
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  useEffect(() => {
    call('closure.readiness', { caseId: view.case.id }).then(setReadiness, (e: unknown) => setError(errorMessage(e)));
  }, [view]);
  const close = async () => {
    if (reason.trim().length < 10) {
      setReasonError('Closure reason: write at least 10 characters.');
      return;
    }
    setReasonError(undefined);
    try {
      await call('closure.close', { caseId: view.case.id, reason });
      setError(null);
      await load(view.case.id);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const reopen = async () => {
    try {
      await call('closure.reopen', { caseId: view.case.id, reason: reopenReason });
      setError(null);
      await load(view.case.id);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const closed = view.case.status === 'closed';
  return (
    <div className="grid-2">
      <div className="stack">
        <FinalAssessment view={view} onChanged={setError} />
        {closed ? null : (
          <section className="card stack" aria-labelledby="checks-title">
            <h2 id="checks-title">Before the case can close</h2>
            {readiness === null ? (
              <p className="muted">Loading…</p>
            ) : (
              <ul className="checks">
                {readiness.checks.map((c) => (
                  <li key={c.id}>
                    <span className={c.met ? 'check-met' : 'check-unmet'} aria-hidden="true">
                      {c.met ? '✓' : '✗'}
                    </span>
                    <span>
                      <span className="visually-hidden">{c.met ? 'Met: ' : 'Not met: '}</span>
                      {c.message}
                    </span>
                  </li>
                ))}
              </ul>
        )}
          <p className="cite">Dismissal from the setting is not a threat management strategy in itself; a case is not closed just because the person has been removed.</p>
        </section>
        )}
      </div>
      <section className="card stack" aria-labelledby="closure-title">
        <h2 id="closure-title">{closed ? 'Case closed' : 'Close the case'}</h2>
        {error !== null ? (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        ) : null}
        {closed ? (
          <>
            <dl className="kv">
              <dt>Closed</dt>
              <dd>{formatDate(view.case.closedAt)}</dd>
              <dt>Reason</dt>
              <dd>{view.case.closureReason}</dd>
            </dl>
            <Field label="Reason for reopening">
              {(p) => (
                <select {...p} value={reopenReason} onChange={(e) => setReopenReason(e.target.value as ReopenReason)}>
                  {reopenReasons.map((r) => (
                    <option key={r} value={r}>
                      {reopenReasonLabels[r]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div className="row">
              <button type="button" className="btn" onClick={() => void reopen()}>
                Reopen case
              </button>
              {role !== 'program_manager' ? <span className="muted">A program manager reopens cases.</span> : null}
            </div>
          </>
        ) : (
          <>
            <Field label="Closure reason" required error={reasonError} hint="What was done and why nothing more is needed now.">
              {(p) => <textarea {...p} rows={4} value={reason} onChange={(e) => setReason(e.target.value)} />}
            </Field>
            <div className="row">
              <button type="button" className="btn btn-primary" onClick={() => void close()}>
                Approve and close case
              </button>
              {role !== 'program_manager' ? <span className="muted">A program manager approves closing a case.</span> : null}
            </div>
          </>
        )}
      </section>
    </div>
  );
}
