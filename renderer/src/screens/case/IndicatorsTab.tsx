import { useState, type FormEvent } from 'react';
import { newIndicatorSchema, newReportSchema, type CaseView } from '../../../../shared/contract/cases';
import type { Indicator } from '../../../../shared/model/caseRecord';
import { call, CallError, errorMessage } from '../../api/client';
import { emptyIndicator, IndicatorFields, type IndicatorDraft } from '../../components/IndicatorFields';
import { emptyReport, ReportFields, type ReportDraft } from '../../components/ReportFields';
import { byId, focusWhenShown } from '../../focusResult';
import { fieldErrors, futureDateErrors } from '../../forms';
import { categoryLabels, corroborationLabels, formatDate, howReceivedLabels, stageLabels } from '../../labels';
import { useCaseQuery } from '../../stores/currentCase';
import { FocusedStatus } from '../../components/FocusedStatus';
import { ReportDialog, type SavedEdit } from './EditDialogs';
import { ChangeTable } from './HistoryTab';
import type { CaseHistoryEntry } from '../../../../shared/contract/caseEdits';
import { Alert } from '../../components/Alert';
import { loaded, LoadStatus, useLoad } from '../../useLoad';

function IndicatorForm({ caseId, existing, onDone }: { caseId: string; existing?: Indicator; onDone: () => void }) {
  const { refetch } = useCaseQuery();
  const [draft, setDraft] = useState<IndicatorDraft>(existing ?? emptyIndicator());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  // Someone else changed the indicator after this form was filled: what was typed stays, and the case can be reloaded beside it.
  const [conflict, setConflict] = useState<'changed' | 'reloaded' | null>(null);
  const reload = async () => {
    setFailure(null);
    await refetch();
    setConflict('reloaded');
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setConflict(null);
    const candidate = {
      category: draft.category,
      stage: draft.stage,
      observedOn: draft.observedOn,
      summary: draft.summary,
      detail: draft.detail,
      source: draft.source,
      corroboration: draft.corroboration,
      basis: draft.basis,
    };
    const checked = newIndicatorSchema.safeParse(candidate);
    const next = { ...(checked.success ? {} : fieldErrors(checked.error)), ...futureDateErrors({ observedOn: draft.observedOn }, { observedOn: 'The date observed' }) };
    setErrors(next);
    if (Object.keys(next).length > 0 || !checked.success) return;
    try {
      const id = existing === undefined ? (await call('indicators.add', { caseId, reportId: null, indicator: checked.data })).id : existing.id;
      if (existing !== undefined) await call('indicators.update', { caseId, id, indicator: checked.data, expectedVersion: existing.version });
      await refetch();
      onDone();
      focusWhenShown(byId(`entry-${id}`));
    } catch (e) {
      setFailure(errorMessage(e));
      if (e instanceof CallError && e.code === 'conflict' && existing !== undefined) setConflict('changed');
    }
  };
  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} noValidate aria-label={existing === undefined ? 'New indicator' : 'Edit indicator'}>
      <h3>{existing === undefined ? 'New indicator' : 'Edit indicator'}</h3>
      {failure !== null ? (
        <Alert kind="error">
          {failure}
          {conflict === 'changed' ? (
            <>
              {' '}
              <button type="button" className="btn" onClick={() => void reload()}>
                Reload the case
              </button>
            </>
          ) : null}
        </Alert>
      ) : null}
      {conflict === 'reloaded' ? (
        <Alert kind="info">
          The case now shows the other change (see this indicator&apos;s history). Your edit is still in this form: check it against theirs, then save it again.
        </Alert>
      ) : null}
      <IndicatorFields value={draft} onChange={setDraft} errors={errors} prefix="" />
      <div className="row">
        <button type="submit" className="btn btn-primary">
          {existing === undefined ? 'Add indicator' : 'Save changes'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ReportForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { refetch } = useCaseQuery();
  const [report, setReport] = useState<ReportDraft>(emptyReport('phone'));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = newReportSchema.safeParse(report);
    const next = { ...(checked.success ? {} : fieldErrors(checked.error)), ...futureDateErrors({ receivedOn: report.receivedOn }, { receivedOn: 'The date received' }) };
    setErrors(next);
    if (Object.keys(next).length > 0 || !checked.success) return;
    try {
      const { id } = await call('reports.add', { caseId, report: checked.data });
      await refetch();
      onDone();
      focusWhenShown(byId(`entry-${id}`));
    } catch (e) {
      setFailure(errorMessage(e));
    }
  };
  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} noValidate aria-label="New report">
      <h3>New report</h3>
      {failure !== null ? (
        <Alert kind="error">
          {failure}
        </Alert>
      ) : null}
      <ReportFields value={report} onChange={setReport} errors={errors} prefix="" />
      <div className="row">
        <button type="submit" className="btn btn-primary">
          Add report
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** An indicator's earlier versions, each as what changed to the version after it. */
function History({ caseId, id }: { caseId: string; id: string }) {
  const history = useLoad(() => call('cases.history', { caseId }), [caseId]);
  if (!loaded(history)) return <LoadStatus of={history} loading="Loading history…" />;
  const rows: CaseHistoryEntry[] = history.data.entries.filter((e) => e.target === 'indicator' && e.id.startsWith(`${id}:`));
  if (rows.length === 0) return <p className="muted">No earlier versions.</p>;
  return (
    <ol className="history">
      {rows.map((r) => (
        <li key={r.id} className="stack">
          <span>
            Changed {r.at.slice(0, 16).replace('T', ' ')} by {r.by}
          </span>
          <ChangeTable changes={r.changes} caption={`Changed ${r.at.slice(0, 16).replace('T', ' ')}`} />
        </li>
      ))}
    </ol>
  );
}

type Entry = { kind: 'report'; date: string; report: CaseView['reports'][number] } | { kind: 'indicator'; date: string; indicator: Indicator };

/** A timeline of reports and indicators, newest first, with forms to add and edit. */
export function IndicatorsTab({ view }: { view: CaseView }) {
  const [adding, setAdding] = useState<'indicator' | 'report' | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  const [editingReport, setEditingReport] = useState<string | null>(null);
  const [savedEdit, setSavedEdit] = useState<{ reportId: string; saved: SavedEdit } | null>(null);
  const closed = view.case.status === 'closed';
  const entries: Entry[] = [
    ...view.reports.map((report) => ({ kind: 'report' as const, date: report.receivedOn, report })),
    ...view.indicators.map((indicator) => ({ kind: 'indicator' as const, date: indicator.observedOn, indicator })),
  ].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <div className="stack">
      {!closed ? (
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={() => setAdding('indicator')}>
            Add indicator
          </button>
          <button type="button" className="btn" onClick={() => setAdding('report')}>
            Add report
          </button>
        </div>
      ) : null}
      {adding === 'indicator' ? <IndicatorForm caseId={view.case.id} onDone={() => setAdding(null)} /> : null}
      {adding === 'report' ? <ReportForm caseId={view.case.id} onDone={() => setAdding(null)} /> : null}
      {editingReport !== null ? (
        <ReportDialog
          view={view}
          reportId={editingReport}
          onClose={() => setEditingReport(null)}
          onSaved={(saved) => {
            setSavedEdit({ reportId: editingReport, saved });
            setEditingReport(null);
          }}
        />
      ) : null}
      <h2 className="section-title">Timeline</h2>
      {entries.length === 0 ? <p className="muted">No reports or indicators recorded.</p> : null}
      <ol className="timeline" aria-label="Reports and indicators, newest first">
        {entries.map((entry) =>
          entry.kind === 'report' ? (
            <li key={entry.report.id} id={`entry-${entry.report.id}`} tabIndex={-1} className="timeline-item timeline-report">
              <div className="timeline-date">{formatDate(entry.date)}</div>
              <div className="card">
                <h3>
                  Report · {howReceivedLabels[entry.report.howReceived]}
                  {entry.report.reporterHidden ? ' · reporter: confidential source' : entry.report.reporter !== '' ? ` · ${entry.report.reporter}` : ''}
                  {entry.report.reporterConfidential && !entry.report.reporterHidden ? <span className="badge">Confidential source</span> : null}
                </h3>
                <p className="narrative">{entry.report.narrative}</p>
                {!closed ? (
                  <div className="row">
                    <button type="button" className="btn-link" onClick={() => setEditingReport(entry.report.id)} aria-label={`Edit report received ${formatDate(entry.report.receivedOn)}`}>
                      Edit
                    </button>
                  </div>
                ) : null}
                {savedEdit?.reportId === entry.report.id ? (
                  <FocusedStatus kind="ok" token={savedEdit.saved}>
                    {savedEdit.saved.text}
                  </FocusedStatus>
                ) : null}
              </div>
            </li>
          ) : (
            <li key={entry.indicator.id} id={`entry-${entry.indicator.id}`} tabIndex={-1} className="timeline-item">
              <div className="timeline-date">{formatDate(entry.date)}</div>
              {editing === entry.indicator.id ? (
                <IndicatorForm caseId={view.case.id} existing={entry.indicator} onDone={() => setEditing(null)} />
              ) : (
                <div className="card">
                  <h3>{entry.indicator.summary}</h3>
                  <p className="tags">
                    <span className="badge">{categoryLabels[entry.indicator.category]}</span>
                    <span className={`badge stage-${entry.indicator.stage}`}>{stageLabels[entry.indicator.stage]}</span>
                    <span className="badge">{entry.indicator.basis === 'fact' ? 'Fact' : 'Opinion'}</span>
                    <span className="badge">{corroborationLabels[entry.indicator.corroboration]}</span>
                    <span className="muted">Source: {entry.indicator.source}</span>
                    {entry.indicator.version > 1 ? <span className="muted">Version {entry.indicator.version}</span> : null}
                  </p>
                  {entry.indicator.detail !== '' ? <p>{entry.indicator.detail}</p> : null}
                  <div className="row">
                    {!closed ? (
                      <button type="button" className="btn-link" onClick={() => setEditing(entry.indicator.id)} aria-label={`Edit indicator: ${entry.indicator.summary}`}>
                        Edit
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="btn-link"
                      aria-expanded={history === entry.indicator.id}
                      onClick={() => setHistory(history === entry.indicator.id ? null : entry.indicator.id)}
                      aria-label={`Edit history: ${entry.indicator.summary}`}
                    >
                      History
                    </button>
                  </div>
                  {history === entry.indicator.id ? <History caseId={view.case.id} id={entry.indicator.id} /> : null}
                </div>
              )}
            </li>
          ),
        )}
      </ol>
    </div>
  );
}
