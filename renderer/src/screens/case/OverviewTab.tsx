import { valueLabel } from '../../../../shared/labels';
import { useState } from 'react';
import type { CaseView } from '../../../../shared/contract/cases';
import { errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { ExerciseCard } from '../../components/ExerciseCard';
import { Field } from '../../components/Field';
import { formatDate, howReceivedLabels, recipientLabels, stageLabels } from '../../labels';
import { useCaseQuery } from '../../stores/currentCase';
import { useSession } from '../../stores/session';
import { PathwayChart } from './PathwayChart';
import { SubjectDialog, type SavedEdit } from './EditDialogs';
import { FocusedStatus } from '../../components/FocusedStatus';
import { Alert } from '../../components/Alert';

function RevealDialog({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { reveal } = useCaseQuery();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = async () => {
    if (reason.trim().length < 10) {
      setError('Give a reason of at least 10 characters.');
      return;
    }
    try {
      await reveal(caseId, reason.trim());
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Dialog
      title="Reveal the subject's name"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" data-dialog-close onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void submit()}>
            Reveal name
          </button>
        </>
      }
    >
      <p>The name is shown for this session only. Your reason is recorded in the audit log with your name.</p>
      <Field label="Reason" required error={error}>
        {(p) => <textarea {...p} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </Dialog>
  );
}

export function OverviewTab({ view }: { view: CaseView }) {
  const { evaluation, revealedName } = useCaseQuery();
  const [revealing, setRevealing] = useState(false);
  const [editingSubject, setEditingSubject] = useState(false);
  const [savedEdit, setSavedEdit] = useState<SavedEdit | null>(null);
  const training = useSession((state) => state.status?.training === true);
  const s = view.subject;
  const records = new Map(view.reportingRecords.map((r) => [r.recipient, r]));
  return (
    <div className="grid-2">
      <section className="card stack" aria-labelledby="subject-title">
        <div className="row">
          <h2 id="subject-title">Person of concern</h2>
          {view.case.status !== 'closed' ? (
            <button type="button" className="btn" onClick={() => setEditingSubject(true)}>
              Edit subject details…
            </button>
          ) : null}
        </div>
        {savedEdit !== null ? (
          <FocusedStatus kind="ok" token={savedEdit}>
            {savedEdit.text}
          </FocusedStatus>
        ) : null}
        <dl className="kv">
          <dt>Pseudonymous id</dt>
          <dd className="mono">{s.displayId}</dd>
          <dt>Name</dt>
          <dd>
            {revealedName ?? (
              <>
                <span className="muted">Hidden</span>{' '}
                <button type="button" className="btn-link" onClick={() => setRevealing(true)}>
                  Reveal…
                </button>
              </>
            )}
          </dd>
          <dt>Organization unit</dt>
          <dd>{s.orgUnit || '—'}</dd>
          <dt>Position</dt>
          <dd>{s.position || '—'}</dd>
          <dt>Clearance</dt>
          <dd>{s.clearance || '—'}</dd>
          <dt>Facility access</dt>
          <dd>{s.facilityAccess || '—'}</dd>
          <dt>System access</dt>
          <dd>{s.systemAccess || '—'}</dd>
        </dl>
      </section>
      <section className="card stack" aria-labelledby="status-title">
        <h2 id="status-title">Where the case stands</h2>
        <dl className="kv">
          <dt>Reports</dt>
          <dd>{view.reports.length}</dd>
          <dt>Indicators</dt>
          <dd>{view.indicators.length}</dd>
          <dt>Furthest stage</dt>
          <dd>{view.case.furthestStage === null ? '—' : stageLabels[view.case.furthestStage]}</dd>
          <dt>Analysis items</dt>
          <dd>{view.analysis.length}</dd>
          <dt>Last assessment</dt>
          <dd>{view.assessments.at(-1)?.assessedAt.slice(0, 10) ?? 'None yet'}</dd>
          <dt>First report</dt>
          <dd>{view.reports[0] === undefined ? '—' : `${formatDate(view.reports[0].receivedOn)} · ${howReceivedLabels[view.reports[0].howReceived]}`}</dd>
        </dl>
        {evaluation?.lawEnforcementAssistance.recommended === true ? (
          <Alert kind="warn" role={null}>Consider requesting law enforcement assistance: the determinations meet the guide's criteria.</Alert>
        ) : null}
      </section>
      <section className="card stack span-2" aria-labelledby="pathway-title">
        <h2 id="pathway-title">Critical pathway</h2>
        <PathwayChart view={view} />
      </section>
      <section className="card stack span-2" aria-labelledby="obligations-title">
        <h2 id="obligations-title">Reporting obligations</h2>
        {view.obligations.length === 0 ? (
          <p className="muted">None computed yet: answer the determination questions on the Assessment tab.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Recipient</th>
                <th scope="col">Timing</th>
                <th scope="col">Basis</th>
                <th scope="col">Citation</th>
                <th scope="col">Recorded</th>
              </tr>
            </thead>
            <tbody>
              {view.obligations.map((o) => {
                const r = records.get(o.recipient);
                return (
                  <tr key={o.recipient}>
                    <td>{recipientLabels[o.recipient]}</td>
                    <td>{o.timing === 'immediately' ? <strong>Immediately</strong> : valueLabel(o.timing)}</td>
                    <td>{o.basis}</td>
                    <td className="cite">{o.citation}</td>
                    <td className="nowrap">{r === undefined ? <span className="muted">Not yet</span> : r.outcome === 'reported' ? `Reported ${formatDate(r.reportedOn)}` : 'Not required'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      {training ? (
        <div className="span-2">
          <ExerciseCard exerciseId="l2_ra2_best_mitigation" />
        </div>
      ) : null}
      {editingSubject ? (
        <SubjectDialog
          view={view}
          onClose={() => setEditingSubject(false)}
          onSaved={(saved) => {
            setEditingSubject(false);
            setSavedEdit(saved);
          }}
        />
      ) : null}
      {revealing ? <RevealDialog caseId={view.case.id} onClose={() => setRevealing(false)} /> : null}
    </div>
  );
}
