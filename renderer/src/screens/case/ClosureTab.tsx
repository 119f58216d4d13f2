import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract';
import type { CaseView } from '../../../../shared/contract/cases';
import { reopenReasonLabels, reopenReasons, type ReopenReason } from '../../../../shared/model/closure';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { formatDate, riskLabels } from '../../labels';
import { useCaseQuery } from '../../stores/currentCase';
import { useNavigation } from '../../stores/navigation';
import { useSession } from '../../stores/session';
import { LegalHoldCard } from './LegalHoldCard';
import { ConfirmReasonDialog } from '../../components/ConfirmReasonDialog';
import { isOpenAction } from '../../../../shared/model/schedule';
import { optionText } from '../../planLabels';
import { Alert } from '../../components/Alert';

type Readiness = MethodOutput<'closure.readiness'>;

function FinalAssessment({ view, onChanged }: { view: CaseView; onChanged: (text: string | null) => void }) {
  const { refetch } = useCaseQuery();
  const go = useNavigation((s) => s.go);
  const latest = view.assessments.at(-1);
  const mark = async () => {
    if (latest === undefined) return;
    try {
      await call('assessment.markFinal', { caseId: view.case.id, assessmentId: latest.id });
      await refetch();
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
  const { refetch } = useCaseQuery();
  const role = useSession((s) => s.status?.user?.role);
  const [readiness, setReadiness] = useState<Readiness | null>(null);
  const [reopenReason, setReopenReason] = useState<ReopenReason>('new_information');
  const [openActions, setOpenActions] = useState<'discontinue' | 'keep'>('discontinue');
  const [confirming, setConfirming] = useState<'close' | 'reopen' | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('closure.readiness', { caseId: view.case.id }).then(setReadiness, (e: unknown) => setError(errorMessage(e)));
  }, [view]);
  const stillOpen = view.actions.filter((a) => isOpenAction(a.status));
  const close = async (reason: string) => {
    await call('closure.close', { caseId: view.case.id, reason, ...(stillOpen.length > 0 ? { openActions } : {}) });
    setConfirming(null);
    setError(null);
    await refetch();
  };
  const reopen = async (note: string) => {
    await call('closure.reopen', { caseId: view.case.id, reason: reopenReason, note });
    setConfirming(null);
    setError(null);
    await refetch();
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
      <div className="stack">
        <section className="card stack" aria-labelledby="closure-title">
          <h2 id="closure-title">{closed ? 'Case closed' : 'Close the case'}</h2>
          {error !== null ? (
            <Alert kind="error">
              {error}
            </Alert>
          ) : null}
          {closed ? (
            <>
              <dl className="kv">
                <dt>Closed</dt>
                <dd>{formatDate(view.case.closedAt)}</dd>
                <dt>Reason</dt>
                <dd>{view.case.closureReason}</dd>
              </dl>
              <div className="row">
                <button type="button" className="btn" onClick={() => setConfirming('reopen')}>
                  Reopen case…
                </button>
                {role !== 'program_manager' ? <span className="muted">A program manager reopens cases.</span> : null}
              </div>
            </>
          ) : (
            <>
              <p className="muted">Closing asks for the reason, what to do with actions still open, and clears the review schedule.</p>
              <div className="row">
                <button type="button" className="btn btn-primary" onClick={() => setConfirming('close')}>
                  Approve and close case…
                </button>
                {role !== 'program_manager' ? <span className="muted">A program manager approves closing a case.</span> : null}
              </div>
            </>
          )}
        </section>
        <LegalHoldCard view={view} />
      </div>
      {confirming === 'close' ? (
        <ConfirmReasonDialog
          title={`Close case ${view.case.number}`}
          reasonLabel="Closure reason"
          reasonHint="What was done and why nothing more is needed now. Kept with the case."
          confirmLabel="Approve and close"
          onConfirm={close}
          onCancel={() => setConfirming(null)}
          extra={
            stillOpen.length > 0 ? (
              <fieldset className="fieldset">
                <legend>
                  {stillOpen.length} action{stillOpen.length === 1 ? ' is' : 's are'} still open: {stillOpen.map((a) => optionText(a.optionId)).join('; ')}
                </legend>
                <label className="check">
                  <input type="radio" name="open-actions" checked={openActions === 'discontinue'} onChange={() => setOpenActions('discontinue')} /> Discontinue them (the closure reason is kept with each)
                </label>
                <label className="check">
                  <input type="radio" name="open-actions" checked={openActions === 'keep'} onChange={() => setOpenActions('keep')} /> Keep them as they are on the closed case
                </label>
              </fieldset>
            ) : null
          }
        >
          <p>The case will be closed and its review schedule cleared. A program manager other than the case&apos;s lead approves.</p>
        </ConfirmReasonDialog>
      ) : null}
      {confirming === 'reopen' ? (
        <ConfirmReasonDialog
          title={`Reopen case ${view.case.number}`}
          reasonLabel="Why reopen"
          confirmLabel="Reopen case"
          onConfirm={reopen}
          onCancel={() => setConfirming(null)}
          extra={
            <Field label="Kind of reason">
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
          }
        >
          <p>The case opens again; its final assessment no longer stands and the review schedule starts again.</p>
        </ConfirmReasonDialog>
      ) : null}
    </div>
  );
}
