import { warningLabel } from '../../../../shared/labels';
import { useState } from 'react';
import type { CaseView } from '../../../../shared/contract/cases';
import type { Warning } from '../../../../shared/domain';
import { actionTransitions, MIN_JUSTIFICATION, warningsAgainstApproval, type ActionStatus } from '../../../../shared/model/actionStatus';
import type { Action } from '../../../../shared/model/caseRecord';
import { call, errorMessage } from '../../api/client';
import { ConfirmReasonDialog } from '../../components/ConfirmReasonDialog';
import { BulkActionPicker } from '../../components/BulkActionPicker';
import { Dialog } from '../../components/Dialog';
import { localToday, pastDueActions } from '../../../../shared/model/schedule';
import { Field } from '../../components/Field';
import { formatDate } from '../../labels';
import { actionStatusLabels, disciplineLabels, optionText } from '../../planLabels';
import { useCaseQuery } from '../../stores/currentCase';
import { OwnerDisciplineField, StrategyField } from './actionFields';
import { useSession } from '../../stores/session';
import { Alert } from '../../components/Alert';

const stepLabels: Partial<Record<ActionStatus, string>> = { legal_review: 'Send to legal review', approved: 'Approve', in_progress: 'Start', done: 'Mark done', discontinued: 'Discontinue' };

function ApproveDialog({ view, action, warnings, onClose }: { view: CaseView; action: Action; warnings: Warning[]; onClose: () => void }) {
  const { refetch } = useCaseQuery();
  const [justification, setJustification] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = async () => {
    if (justification.trim().length < MIN_JUSTIFICATION) {
      setError(`Write a justification of at least ${MIN_JUSTIFICATION} characters.`);
      return;
    }
    try {
      await call('mitigation.transition', { caseId: view.case.id, actionId: action.id, to: 'approved', justification });
      await refetch();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Dialog
      title={`Approve over the engine's warnings: ${optionText(action.optionId)}`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" data-dialog-close onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void submit()}>
            Approve with justification
          </button>
        </>
      }
    >
      <ul className="plain-list stack">
        {warnings.map((w) => (
          <li key={w.code}>
            <strong>{warningLabel(w.code)}</strong> — {w.message} <span className="cite">({w.source})</span>
          </li>
        ))}
      </ul>
      <Field label="Justification" required error={error} hint="Why the team approves it anyway. Kept on the action; the audit log records the warnings and who approved.">
        {(p) => <textarea {...p} rows={4} value={justification} onChange={(e) => setJustification(e.target.value)} />}
      </Field>
    </Dialog>
  );
}

function EditDialog({ view, action, onClose }: { view: CaseView; action: Action; onClose: () => void }) {
  const { refetch } = useCaseQuery();
  const [d, setD] = useState({ strategyId: action.strategyId ?? '', ownerDiscipline: action.ownerDiscipline, ownerPerson: action.ownerPerson, dueOn: action.dueOn ?? '', notes: action.notes });
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    try {
      await call('mitigation.updateAction', {
        caseId: view.case.id,
        actionId: action.id,
        strategyId: d.strategyId === '' ? null : d.strategyId,
        ownerDiscipline: d.ownerDiscipline,
        ownerPerson: d.ownerPerson,
        dueOn: d.dueOn === '' ? null : d.dueOn,
        notes: d.notes,
      });
      await refetch();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Dialog
      title={`Edit: ${optionText(action.optionId)}`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" data-dialog-close onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void submit()}>
            Save action
          </button>
        </>
      }
    >
      <div className="stack">
        {error !== null ? (
          <Alert kind="error">
            {error}
          </Alert>
        ) : null}
        <StrategyField strategies={view.strategies} value={d.strategyId} onChange={(strategyId) => setD((x) => ({ ...x, strategyId }))} />
        <OwnerDisciplineField value={d.ownerDiscipline} onChange={(ownerDiscipline) => setD((x) => ({ ...x, ownerDiscipline }))} />
        <Field label="Owner">{(p) => <input {...p} type="text" value={d.ownerPerson} onChange={(e) => setD((x) => ({ ...x, ownerPerson: e.target.value }))} />}</Field>
        <Field label="Due date">{(p) => <input {...p} type="date" value={d.dueOn} onChange={(e) => setD((x) => ({ ...x, dueOn: e.target.value }))} />}</Field>
        <Field label="Notes">{(p) => <textarea {...p} rows={3} value={d.notes} onChange={(e) => setD((x) => ({ ...x, notes: e.target.value }))} />}</Field>
      </div>
    </Dialog>
  );
}

function ActionRow({ view, action, onError }: { view: CaseView; action: Action; onError: (text: string | null) => void }) {
  const { refetch, evaluation } = useCaseQuery();
  const role = useSession((s) => s.status?.user?.role);
  const [dialog, setDialog] = useState<'approve' | 'edit' | 'discontinue' | null>(null);
  const label = optionText(action.optionId);
  const pastDue = pastDueActions({ status: view.case.status, actions: [action] }, localToday())[0];
  const closed = view.case.status === 'closed';
  const against = warningsAgainstApproval(evaluation?.warnings ?? [], action.optionId);
  const naming = (evaluation?.warnings ?? []).filter((w) => w.options?.some((o) => o === action.optionId) === true);
  const run = async (fn: () => Promise<unknown>) => {
    try {
      onError(null);
      await fn();
      await refetch();
    } catch (e) {
      onError(errorMessage(e));
    }
  };
  const step = (to: ActionStatus) => {
    if (to === 'approved' && against.length > 0) {
      setDialog('approve');
      return;
    }
    if (to === 'discontinued') {
      setDialog('discontinue');
      return;
    }
    void run(() => call('mitigation.transition', { caseId: view.case.id, actionId: action.id, to }));
  };
  const next = closed ? [] : actionTransitions[action.status].filter((to) => to !== 'approved' || action.legalSignoffBy !== null);
  const awaitingSignoff = action.status === 'legal_review' && action.legalSignoffBy === null;
  return (
    <tr>
      <th scope="row">
        <span className="fact-label">{label}</span>
        {action.notes !== '' ? <span className="muted fact-meaning">{action.notes}</span> : null}
        {naming.length > 0 ? (
          <span className="tags">
            {naming.map((w) => (
              <span key={w.code} className="badge badge-moderate" title={`Code for support: ${w.code}`}>
                {warningLabel(w.code)}
              </span>
            ))}
          </span>
        ) : null}
        {action.warningJustification !== '' ? <span className="muted fact-meaning">Approved over warnings: “{action.warningJustification}”</span> : null}
      </th>
      <td>
        {disciplineLabels[action.ownerDiscipline]}
        {action.ownerPerson !== '' ? <span className="muted fact-meaning">{action.ownerPerson}</span> : null}
        <span className="muted fact-meaning">{action.dueOn === null ? 'No due date' : `Due ${formatDate(action.dueOn)}`}</span>
        {pastDue !== undefined ? (
          <span className="badge badge-critical" data-past-due>
            Past due by {pastDue.daysPastDue} day{pastDue.daysPastDue === 1 ? '' : 's'}
          </span>
        ) : null}
      </td>
      <td>
        <span className={`badge status-${action.status}`}>{actionStatusLabels[action.status]}</span>
      </td>
      <td>
        {action.legalSignoffBy === null ? (
          <span className="muted">{awaitingSignoff ? 'Awaiting legal' : '—'}</span>
        ) : (
          <>
            {action.legalSignoffBy}
            <span className="muted fact-meaning">{formatDate(action.legalSignoffAt)}</span>
          </>
        )}
      </td>
      <td>
        <div className="step-buttons">
          {awaitingSignoff && role === 'legal' && !closed ? (
            <button type="button" className="btn btn-primary" aria-label={`Sign off: ${label}`} onClick={() => void run(() => call('mitigation.signOff', { caseId: view.case.id, actionId: action.id }))}>
              Sign off
            </button>
          ) : null}
          {next.map((to) => (
            <button key={to} type="button" className={to === 'discontinued' ? 'btn' : 'btn btn-primary'} aria-label={`${stepLabels[to] ?? to}: ${label}`} onClick={() => step(to)}>
              {stepLabels[to] ?? to}
            </button>
          ))}
          {!closed && action.status !== 'done' && action.status !== 'discontinued' ? (
            <button type="button" className="btn-link" aria-label={`Edit: ${label}`} onClick={() => setDialog('edit')}>
              Edit
            </button>
          ) : null}
        </div>
        {dialog === 'approve' ? <ApproveDialog view={view} action={action} warnings={against} onClose={() => setDialog(null)} /> : null}
        {dialog === 'edit' ? <EditDialog view={view} action={action} onClose={() => setDialog(null)} /> : null}
        {dialog === 'discontinue' ? (
          <ConfirmReasonDialog
            title={`Discontinue: ${label}`}
            confirmLabel="Discontinue action"
            onCancel={() => setDialog(null)}
            onConfirm={async (reason) => {
              await call('mitigation.transition', { caseId: view.case.id, actionId: action.id, to: 'discontinued', reason });
              setDialog(null);
              await refetch();
            }}
          >
            <p>The action stops and cannot be resumed; a new one can be proposed later. Say why it is discontinued.</p>
          </ConfirmReasonDialog>
        ) : null}
      </td>
    </tr>
  );
}

function ActionTable({ view, actions, caption, onError }: { view: CaseView; actions: Action[]; caption: string; onError: (text: string | null) => void }) {
  return (
    <div className="table-scroll">
      <table className="data plan-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Owner and due date</th>
            <th scope="col">Status</th>
            <th scope="col">Legal sign-off</th>
            <th scope="col">Next step</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => (
            <ActionRow key={a.id} view={view} action={a} onError={onError} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Several actions in one step: send proposed ones to legal review; legal signs off several at once. */
function PlanBulk({ view }: { view: CaseView }) {
  const { refetch } = useCaseQuery();
  const role = useSession((s) => s.status?.user?.role);
  if (view.case.status === 'closed') return null;
  const item = (a: Action) => ({ caseId: view.case.id, actionId: a.id, label: optionText(a.optionId) });
  const proposed = view.actions.filter((a) => a.status === 'proposed');
  const awaiting = view.actions.filter((a) => a.status === 'legal_review' && a.legalSignoffBy === null);
  return (
    <>
      {proposed.length > 1 ? (
        <BulkActionPicker
          legend="Send several proposed actions to legal review"
          items={proposed.map(item)}
          buttonLabel="Send selected to legal review"
          onRun={async (items) => {
            const { sent } = await call('mitigation.bulkSendToLegal', { items });
            await refetch();
            return `${sent} action${sent === 1 ? '' : 's'} sent to legal review.`;
          }}
        />
      ) : null}
      {role === 'legal' && awaiting.length > 1 ? (
        <BulkActionPicker
          legend="Sign off several actions"
          items={awaiting.map(item)}
          buttonLabel="Sign off selected"
          onRun={async (items) => {
            const { signedOff } = await call('mitigation.bulkSignOff', { items });
            await refetch();
            return `${signedOff.length} action${signedOff.length === 1 ? '' : 's'} signed off.`;
          }}
        />
      ) : null}
    </>
  );
}

/** The plan: strategies with their actions, and actions not yet in a strategy. */
export function PlanActions({ view }: { view: CaseView }) {
  const { refetch } = useCaseQuery();
  const [title, setTitle] = useState('');
  const [titleError, setTitleError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const closed = view.case.status === 'closed';
  const loose = view.actions.filter((a) => a.strategyId === null || !view.strategies.some((s) => s.id === a.strategyId));
  const addStrategy = async () => {
    if (title.trim() === '') {
      setTitleError('Title is required.');
      return;
    }
    try {
      await call('mitigation.addStrategy', { caseId: view.case.id, title });
      setTitle('');
      setTitleError(undefined);
      await refetch();
    } catch (e) {
      setTitleError(errorMessage(e));
    }
  };
  return (
    <section className="card stack" aria-labelledby="plan-title">
      <h2 id="plan-title">Mitigation plan</h2>
      <p className="muted">Several strategies can run at once. Each action goes to legal review; legal signs off before it is approved.</p>
      {error !== null ? (
        <Alert kind="error">
          {error}
        </Alert>
      ) : null}
      {view.strategies.map((s) => {
        const actions = view.actions.filter((a) => a.strategyId === s.id);
        return (
          <div key={s.id} className="stack">
            <h3 className="section-title">Strategy: {s.title}</h3>
            {actions.length === 0 ? <p className="muted">No actions yet: propose one and choose this strategy.</p> : <ActionTable view={view} actions={actions} caption={`Actions of ${s.title}`} onError={setError} />}
          </div>
        );
      })}
      {loose.length > 0 ? (
        <div className="stack">
          <h3 className="section-title">{view.strategies.length > 0 ? 'Not in a strategy' : 'Actions'}</h3>
          <ActionTable view={view} actions={loose} caption="Actions not in a strategy" onError={setError} />
        </div>
      ) : null}
      {view.actions.length === 0 ? <p className="muted">Nothing planned yet.</p> : null}
      <PlanBulk view={view} />
      {!closed ? (
        <div className="row strategy-add">
          <Field label="New strategy" error={titleError}>
            {(p) => <input {...p} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
          <button type="button" className="btn" onClick={() => void addStrategy()}>
            Add strategy
          </button>
        </div>
      ) : null}
    </section>
  );
}
