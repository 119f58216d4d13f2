import { localToday } from '../../../../shared/model/schedule';
import { useState, type FormEvent } from 'react';
import type { CaseView } from '../../../../shared/contract/cases';
import { reportingRecordInputSchema } from '../../../../shared/contract/reporting';
import type { Recipient } from '../../../../shared/domain/ids';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { byId, focusWhenShown } from '../../focusResult';
import { fieldErrors, futureDateErrors } from '../../forms';
import { formatDate, recipientLabels } from '../../labels';
import { timingLabel } from '../../planLabels';
import { useCaseQuery } from '../../stores/currentCase';
import { useNavigation } from '../../stores/navigation';
import { Alert } from '../../components/Alert';

type Outcome = 'reported' | 'not_required';

function RecordForm({ view, recipient, onDone }: { view: CaseView; recipient: Recipient; onDone: () => void }) {
  const { refetch } = useCaseQuery();
  const [outcome, setOutcome] = useState<Outcome>('reported');
  const [d, setD] = useState({ reportedOn: localToday(), method: '', reference: '', reportedBy: '', justification: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const name = recipientLabels[recipient];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate =
      outcome === 'reported'
        ? { caseId: view.case.id, recipient, outcome, reportedOn: d.reportedOn, method: d.method, reference: d.reference, reportedBy: d.reportedBy }
        : { caseId: view.case.id, recipient, outcome, justification: d.justification };
    const parsed = reportingRecordInputSchema.safeParse(candidate);
    const next = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...(outcome === 'reported' ? futureDateErrors({ reportedOn: d.reportedOn }, { reportedOn: 'The date reported' }) : {}) };
    setErrors(next);
    if (!parsed.success || Object.keys(next).length > 0) return;
    try {
      await call('reporting.record', parsed.data);
      await refetch();
      onDone();
      focusWhenShown(byId(`reporting-record-${recipient}`));
    } catch (e) {
      setFailure(errorMessage(e));
    }
  };
  return (
    <form className="subform stack" onSubmit={(e) => void submit(e)} noValidate aria-label={`Record the report to ${name}`}>
      {failure !== null ? (
        <Alert kind="error">
          {failure}
        </Alert>
      ) : null}
      <fieldset className="fieldset">
        <legend>Outcome</legend>
        <div className="segmented">
          <label>
            <input type="radio" name={`outcome-${recipient}`} checked={outcome === 'reported'} onChange={() => setOutcome('reported')} /> Reported
          </label>
          <label>
            <input type="radio" name={`outcome-${recipient}`} checked={outcome === 'not_required'} onChange={() => setOutcome('not_required')} /> Not required
          </label>
        </div>
      </fieldset>
      {outcome === 'reported' ? (
        <div className="grid-2">
          <Field label="Date reported" required error={errors['reportedOn']}>
            {(p) => <input {...p} type="date" max={localToday()} value={d.reportedOn} onChange={(e) => setD((x) => ({ ...x, reportedOn: e.target.value }))} />}
          </Field>
          <Field label="Method" required error={errors['method']} hint="Phone, secure fax, DISS entry, in person…">
            {(p) => <input {...p} type="text" value={d.method} onChange={(e) => setD((x) => ({ ...x, method: e.target.value }))} />}
          </Field>
          <Field label="Reference number" error={errors['reference']}>
            {(p) => <input {...p} type="text" value={d.reference} onChange={(e) => setD((x) => ({ ...x, reference: e.target.value }))} />}
          </Field>
          <Field label="Reported by" required error={errors['reportedBy']}>
            {(p) => <input {...p} type="text" value={d.reportedBy} onChange={(e) => setD((x) => ({ ...x, reportedBy: e.target.value }))} />}
          </Field>
        </div>
      ) : (
        <Field label="Justification" required error={errors['justification']} hint="Why this report is not required, for whoever reviews the case later.">
          {(p) => <textarea {...p} rows={3} value={d.justification} onChange={(e) => setD((x) => ({ ...x, justification: e.target.value }))} />}
        </Field>
      )}
      <div className="row">
        <button type="submit" className="btn btn-primary">
          Save record
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Report: each obligation the determinations create, with its basis, citation and timing, and what was done about it. */
export function ReportingTab({ view }: { view: CaseView }) {
  const go = useNavigation((s) => s.go);
  const [open, setOpen] = useState<Recipient | null>(null);
  const records = new Map(view.reportingRecords.map((r) => [r.recipient, r]));
  const owed = new Set(view.obligations.map((o) => o.recipient));
  const stale = view.reportingRecords.filter((r) => !owed.has(r.recipient));
  const closed = view.case.status === 'closed';
  const ordered = [...view.obligations].sort((a, b) => Number(b.timing === 'immediately') - Number(a.timing === 'immediately'));
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="reporting-title">
        <h2 id="reporting-title">Reporting obligations</h2>
        <p className="muted">
          Computed from the determinations; changing one recomputes them and says what changed.{' '}
          <button type="button" className="btn-link" onClick={() => go({ name: 'case', caseId: view.case.id, tab: 'assessment' })}>
            Review the determinations
          </button>
        </p>
        {ordered.length === 0 ? <p className="muted">None computed yet: answer the determination questions on the Assessment tab.</p> : null}
        {ordered.map((o) => {
          const r = records.get(o.recipient);
          const name = recipientLabels[o.recipient];
          return (
            <article key={o.recipient} className={`card stack obligation ${o.timing === 'immediately' && r === undefined ? 'obligation-due' : ''}`} aria-label={`Obligation: ${name}`}>
              <div className="row spread">
                <h3>{name}</h3>
                <span className={`badge ${o.timing === 'immediately' ? 'badge-critical' : ''}`}>{timingLabel(o.timing)}</span>
              </div>
              <p>{o.basis}</p>
              <p className="cite">{o.citation}</p>
              {r === undefined ? (
                open === o.recipient ? (
                  <RecordForm view={view} recipient={o.recipient} onDone={() => setOpen(null)} />
                ) : (
                  <div className="row">
                    <span className="muted">Not yet recorded.</span>
                    {!closed ? (
                      <button type="button" className="btn btn-primary" aria-label={`Record: ${name}`} onClick={() => setOpen(o.recipient)}>
                        Record…
                      </button>
                    ) : null}
                  </div>
                )
              ) : r.outcome === 'reported' ? (
                <Alert kind="ok" id={`reporting-record-${o.recipient}`} tabIndex={-1}>
                  Reported {formatDate(r.reportedOn)} by {r.reportedBy} · {r.method}
                  {r.reference !== '' ? ` · ref. ${r.reference}` : ''} <span className="cite">(recorded by {r.recordedBy})</span>
                </Alert>
              ) : (
                <Alert kind="info" id={`reporting-record-${o.recipient}`} tabIndex={-1}>
                  Not required: {r.justification} <span className="cite">(recorded by {r.recordedBy})</span>
                </Alert>
              )}
            </article>
          );
        })}
      </section>
      {stale.length > 0 ? (
        <section className="card stack" aria-labelledby="stale-title">
          <h2 id="stale-title">Records of obligations that no longer apply</h2>
          <ul className="plain-list">
            {stale.map((r) => (
              <li key={r.id}>
                {recipientLabels[r.recipient]}: {r.outcome === 'reported' ? `reported ${formatDate(r.reportedOn)}` : 'not required'}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
