import { useState, type FormEvent } from 'react';
import { analysisInputSchema } from '../../../../shared/contract/casework';
import type { CaseView } from '../../../../shared/contract/cases';
import { catalog } from '../../../../shared/domain';
import { disciplines, type Discipline } from '../../../../shared/domain/ids';
import { questionKinds, type AnalysisItem } from '../../../../shared/model/caseRecord';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { byId, focusWhenShown } from '../../focusResult';
import { fieldErrors } from '../../forms';
import { useCaseQuery } from '../../stores/currentCase';
import { Alert } from '../../components/Alert';

type Kind = AnalysisItem['kind'];
const kindTitles: Record<Kind, string> = {
  goal: 'Analysis goal',
  question: 'Questions',
  assumption: 'Assumptions',
  alternative: 'Alternative explanations',
  viewpoint: 'Discipline viewpoints',
};
const kindIntro: Record<Kind, string> = {
  goal: 'What is the team trying to answer? State the purpose clearly and in more than one way.',
  question: 'Break the goal into clear, precise, answerable questions, and say which kind each is.',
  assumption: 'Acknowledge assumptions, whether they are justified, and how they shape the view.',
  alternative: 'Plausible explanations other than a threat.',
  viewpoint: 'What other disciplines see in the same facts.',
};
const questionKindLabel = Object.fromEntries(catalog.threatAnalysis.questionKinds.map((k) => [k.id, k.label])) as Record<string, string>;
const disciplineLabel = Object.fromEntries(catalog.disciplines.map((d) => [d.id, d.label])) as Record<Discipline, string>;

interface Draft {
  text: string;
  questionKind: string;
  answer: string;
  sources: string;
  status: 'open' | 'answered' | 'set_aside';
  justified: '' | 'yes' | 'no';
  impact: string;
  discipline: string;
}

const emptyDraft: Draft = { text: '', questionKind: '', answer: '', sources: '', status: 'open', justified: '', impact: '', discipline: '' };

function ItemForm({ caseId, kind, existing, onDone }: { caseId: string; kind: Kind; existing?: AnalysisItem; onDone: () => void }) {
  const { refetch } = useCaseQuery();
  const [d, setD] = useState<Draft>(
    existing === undefined
      ? emptyDraft
      : {
          text: existing.text,
          questionKind: existing.questionKind ?? '',
          answer: existing.answer,
          sources: existing.sources,
          status: existing.status,
          justified: existing.justified === null ? '' : existing.justified ? 'yes' : 'no',
          impact: existing.impact,
          discipline: existing.discipline ?? '',
        },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = {
      caseId,
      ...(existing !== undefined ? { id: existing.id } : {}),
      kind,
      text: d.text,
      questionKind: d.questionKind === '' ? null : d.questionKind,
      answer: d.answer,
      sources: d.sources,
      status: d.status,
      justified: d.justified === '' ? null : d.justified === 'yes',
      impact: d.impact,
      discipline: d.discipline === '' ? null : d.discipline,
    };
    const parsed = analysisInputSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    try {
      const { id } = await call('analysis.save', parsed.data);
      await refetch();
      onDone();
      focusWhenShown(byId(`analysis-item-${id}`));
    } catch (e) {
      setFailure(errorMessage(e));
    }
  };
  const label = { goal: 'Goal', question: 'Question', assumption: 'Assumption', alternative: 'Alternative explanation', viewpoint: 'Viewpoint' }[kind];
  return (
    <form className="subform stack" onSubmit={(e) => void submit(e)} noValidate aria-label={`${existing === undefined ? 'New' : 'Edit'} ${label.toLowerCase()}`}>
      {failure !== null ? (
        <Alert kind="error">
          {failure}
        </Alert>
      ) : null}
      <Field label={label} required error={errors['text']}>
        {(p) => <textarea {...p} rows={2} value={d.text} onChange={(e) => set({ text: e.target.value })} />}
      </Field>
      {kind === 'question' ? (
        <>
          <Field label="Kind of question" required error={errors['questionKind']} hint={catalog.threatAnalysis.questionKinds.find((k) => k.id === d.questionKind)?.description}>
            {(p) => (
              <select {...p} value={d.questionKind} onChange={(e) => set({ questionKind: e.target.value })}>
                <option value="">Choose…</option>
                {questionKinds.map((k) => (
                  <option key={k} value={k}>
                    {questionKindLabel[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="grid-2">
            <Field label="Answer" error={errors['answer']}>
              {(p) => <textarea {...p} rows={2} value={d.answer} onChange={(e) => set({ answer: e.target.value })} />}
            </Field>
            <Field label="Sources" error={errors['sources']}>
              {(p) => <textarea {...p} rows={2} value={d.sources} onChange={(e) => set({ sources: e.target.value })} />}
            </Field>
          </div>
          <Field label="Status">
            {(p) => (
              <select {...p} value={d.status} onChange={(e) => set({ status: e.target.value as Draft['status'] })}>
                <option value="open">Open</option>
                <option value="answered">Answered</option>
                <option value="set_aside">Set aside</option>
              </select>
            )}
          </Field>
        </>
      ) : null}
      {kind === 'assumption' ? (
        <div className="grid-2">
          <Field label="Justified?">
            {(p) => (
              <select {...p} value={d.justified} onChange={(e) => set({ justified: e.target.value as Draft['justified'] })}>
                <option value="">Not yet decided</option>
                <option value="yes">Yes, justified</option>
                <option value="no">No, not justified</option>
              </select>
            )}
          </Field>
          <Field label="How it shapes our view" error={errors['impact']}>
            {(p) => <textarea {...p} rows={2} value={d.impact} onChange={(e) => set({ impact: e.target.value })} />}
          </Field>
        </div>
      ) : null}
      {kind === 'viewpoint' ? (
        <Field label="Discipline" required error={errors['discipline']}>
          {(p) => (
            <select {...p} value={d.discipline} onChange={(e) => set({ discipline: e.target.value })}>
              <option value="">Choose…</option>
              {disciplines.map((x) => (
                <option key={x} value={x}>
                  {disciplineLabel[x]}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary">
          {existing === undefined ? `Add ${label.toLowerCase()}` : 'Save'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Section({ view, kind }: { view: CaseView; kind: Kind }) {
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const items = view.analysis.filter((a) => a.kind === kind);
  const closed = view.case.status === 'closed';
  return (
    <section className="card stack" aria-labelledby={`analysis-${kind}`}>
      <div className="row spread">
        <h2 id={`analysis-${kind}`}>{kindTitles[kind]}</h2>
        {!closed && !adding ? (
          <button type="button" className="btn" onClick={() => setAdding(true)}>
            Add
            <span className="visually-hidden"> to {kindTitles[kind].toLowerCase()}</span>
          </button>
        ) : null}
      </div>
      <p className="muted">{kindIntro[kind]}</p>
      {kind === 'goal' && items.length === 0 ? (
        <p className="hint">The guide's large questions: {catalog.threatAnalysis.goalQuestions.map((q) => q.text).join(' ')}</p>
      ) : null}
      {items.length === 0 && !adding ? <p className="muted">None recorded.</p> : null}
      <ul className="analysis-list">
        {items.map((item) =>
          editing === item.id ? (
            <li key={item.id}>
              <ItemForm caseId={view.case.id} kind={kind} existing={item} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={item.id} id={`analysis-item-${item.id}`} tabIndex={-1}>
              <p className="analysis-text">{item.text}</p>
              <p className="tags">
                {item.questionKind !== null ? <span className="badge">{questionKindLabel[item.questionKind]}</span> : null}
                {kind === 'question' ? <span className="badge">{item.status === 'set_aside' ? 'Set aside' : item.status === 'answered' ? 'Answered' : 'Open'}</span> : null}
                {kind === 'assumption' ? <span className="badge">{item.justified === null ? 'Justification not decided' : item.justified ? 'Justified' : 'Not justified'}</span> : null}
                {item.discipline !== null ? <span className="badge">{disciplineLabel[item.discipline]}</span> : null}
              </p>
              {item.answer !== '' ? <p>Answer: {item.answer}</p> : null}
              {item.sources !== '' ? <p className="muted">Sources: {item.sources}</p> : null}
              {item.impact !== '' ? <p className="muted">Shapes our view: {item.impact}</p> : null}
              {!closed ? (
                <button type="button" className="btn-link" onClick={() => setEditing(item.id)} aria-label={`Edit: ${item.text.slice(0, 60)}`}>
                  Edit
                </button>
              ) : null}
            </li>
          ),
        )}
      </ul>
      {adding ? <ItemForm caseId={view.case.id} kind={kind} onDone={() => setAdding(false)} /> : null}
    </section>
  );
}

function Checklist({ view }: { view: CaseView }) {
  const { refetch } = useCaseQuery();
  const [error, setError] = useState<string | null>(null);
  // Ticks show at once; a failed save is rolled back and said.
  const [optimistic, setOptimistic] = useState<Map<string, boolean>>(new Map());
  const saved = new Map(view.checklist.map((c) => [c.itemId, c]));
  const addressed = (id: string) => optimistic.get(id) ?? saved.get(id)?.addressed === true;
  const items = catalog.threatAnalysis.fairAndBalancedChecklist;
  const done = items.filter((i) => addressed(i.id)).length;
  const toggle = async (itemId: string, value: boolean) => {
    setOptimistic((m) => new Map(m).set(itemId, value));
    try {
      await call('checklist.set', { caseId: view.case.id, itemId, addressed: value, note: saved.get(itemId)?.note ?? '' });
      await refetch();
      setError(null);
    } catch (e) {
      setError(`The checklist was not saved: ${errorMessage(e)}`);
    } finally {
      setOptimistic((m) => {
        const next = new Map(m);
        next.delete(itemId);
        return next;
      });
    }
  };
  return (
    <section className="card stack" aria-labelledby="checklist-title">
      <div className="row spread">
        <h2 id="checklist-title">Fair and balanced assessment</h2>
        <span className={`badge ${done === items.length ? 'badge-low' : 'badge-moderate'}`} role="status">
          {done === items.length ? 'Complete' : `Incomplete: ${done} of ${items.length} addressed`}
        </span>
      </div>
      {error !== null ? (
        <Alert kind="error">
          {error}
        </Alert>
      ) : null}
      <ul className="checklist">
        {items.map((item) => (
          <li key={item.id}>
            <label className="check">
              <input type="checkbox" checked={addressed(item.id)} disabled={view.case.status === 'closed'} onChange={(e) => void toggle(item.id, e.target.checked)} />
              <span>
                <strong>{item.label}</strong> <span className="muted">— {item.detail}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The threat-analysis workspace of the mitigation guide. */
export function AnalysisTab({ view }: { view: CaseView }) {
  return (
    <div className="stack">
      <Section view={view} kind="goal" />
      <Section view={view} kind="question" />
      <div className="grid-2">
        <Section view={view} kind="assumption" />
        <Section view={view} kind="alternative" />
      </div>
      <Section view={view} kind="viewpoint" />
      <Checklist view={view} />
    </div>
  );
}
