import { FocusedStatus } from '../../components/FocusedStatus';
import { useState, type FormEvent } from 'react';
import { assessmentInputSchema } from '../../../../shared/contract/casework';
import type { CaseView } from '../../../../shared/contract/cases';
import { catalog } from '../../../../shared/domain';
import { indicatorStages, riskLevels, type FactId, type RiskLevel } from '../../../../shared/domain/ids';
import { imminenceValues, type Determination } from '../../../../shared/model/caseRecord';
import { call, errorMessage } from '../../api/client';
import { ExerciseCard } from '../../components/ExerciseCard';
import { Field } from '../../components/Field';
import { fieldErrors } from '../../forms';
import { categoryLabels, recipientLabels, riskLabels, stageLabels } from '../../labels';
import { useCaseQuery } from '../../stores/currentCase';
import { useSession } from '../../stores/session';

const imminenceLabels: Record<(typeof imminenceValues)[number], string> = { none: 'None apparent', low: 'Low', moderate: 'Moderate', high: 'High', imminent: 'Imminent' };

function PathwayView({ view }: { view: CaseView }) {
  return (
    <section className="card stack" aria-labelledby="pathway-title">
      <h2 id="pathway-title">Critical pathway</h2>
      <ol className="pathway">
        {indicatorStages.map((stage) => {
          const items = view.indicators.filter((i) => i.stage === stage);
          return (
            <li key={stage} className={`pathway-stage stage-${stage}`}>
              <h3>
                {stageLabels[stage]} <span className="muted">({items.length})</span>
              </h3>
              <ul>
                {items.map((i) => (
                  <li key={i.id}>
                    {i.summary} <span className="muted">· {categoryLabels[i.category]}</span>
                  </li>
                ))}
                {items.length === 0 ? <li className="muted">None recorded</li> : null}
              </ul>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function AssessmentForm({ view }: { view: CaseView }) {
  const { refetch, evaluation } = useCaseQuery();
  const last = view.assessments.at(-1);
  const [form, setForm] = useState({
    interest: last?.interest ?? '',
    motive: last?.motive ?? '',
    ability: last?.ability ?? '',
    imminence: last?.imminence ?? ('none'),
    risk: last?.risk ?? view.case.risk,
    rationale: '',
    leCriteria: last?.leCriteria ?? evaluation?.lawEnforcementAssistance.criteria ?? [],
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const closed = view.case.status === 'closed';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = assessmentInputSchema.safeParse({ caseId: view.case.id, ...form });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      setMessage({ kind: 'error', text: 'Some fields need attention; nothing was saved.' });
      return;
    }
    setErrors({});
    try {
      const result = await call('assessment.record', parsed.data);
      await refetch();
      setForm((f) => ({ ...f, rationale: '' }));
      setMessage({ kind: 'ok', text: `Assessment recorded. Risk is ${riskLabels[parsed.data.risk].toLowerCase()}; next review ${result.nextReview}.` });
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    }
  };
  const toggleCriterion = (fact: FactId, on: boolean) => setForm((f) => ({ ...f, leCriteria: on ? [...new Set([...f.leCriteria, fact])] : f.leCriteria.filter((x) => x !== fact) }));
  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="assessment-title">
      <h2 id="assessment-title">Assessment</h2>
      {last !== undefined ? (
        <p className="muted">
          Last assessed {last.assessedAt.slice(0, 10)} by {last.assessedBy}: {riskLabels[last.risk]} risk. “{last.rationale}”
        </p>
      ) : (
        <p className="muted">Not assessed yet.</p>
      )}
      {message !== null ? (
        <FocusedStatus kind={message.kind} token={message}>
          {message.text}
        </FocusedStatus>
      ) : null}
      <div className="grid-3">
        <Field label="Interest" error={errors['interest']}>
          {(p) => <textarea {...p} rows={3} value={form.interest} onChange={(e) => setForm((f) => ({ ...f, interest: e.target.value }))} />}
        </Field>
        <Field label="Motive" error={errors['motive']}>
          {(p) => <textarea {...p} rows={3} value={form.motive} onChange={(e) => setForm((f) => ({ ...f, motive: e.target.value }))} />}
        </Field>
        <Field label="Ability" error={errors['ability']}>
          {(p) => <textarea {...p} rows={3} value={form.ability} onChange={(e) => setForm((f) => ({ ...f, ability: e.target.value }))} />}
        </Field>
      </div>
      <div className="grid-2">
        <Field label="Imminence" required>
          {(p) => (
            <select {...p} value={form.imminence} onChange={(e) => setForm((f) => ({ ...f, imminence: e.target.value as typeof f.imminence }))}>
              {imminenceValues.map((v) => (
                <option key={v} value={v}>
                  {imminenceLabels[v]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Risk level" required>
          {(p) => (
            <select {...p} value={form.risk} onChange={(e) => setForm((f) => ({ ...f, risk: e.target.value as RiskLevel }))}>
              {riskLevels.map((r) => (
                <option key={r} value={r}>
                  {riskLabels[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="Rationale" required error={errors['rationale']} hint="Ground the risk level in the evidence; say what would change it.">
        {(p) => <textarea {...p} rows={3} value={form.rationale} onChange={(e) => setForm((f) => ({ ...f, rationale: e.target.value }))} />}
      </Field>
      <fieldset className="fieldset">
        <legend>Law enforcement assistance criteria met</legend>
        {catalog.lawEnforcementCriteria.map((c) => (
          <label key={c.fact} className="check">
            <input type="checkbox" checked={form.leCriteria.includes(c.fact)} onChange={(e) => toggleCriterion(c.fact, e.target.checked)} /> {c.label}
          </label>
        ))}
      </fieldset>
      {!closed ? (
        <div className="row">
          <button type="submit" className="btn btn-primary">
            Record assessment
          </button>
        </div>
      ) : null}
    </form>
  );
}

function Determinations({ view }: { view: CaseView }) {
  const { refetch } = useCaseQuery();
  const current = new Map(view.determinations.map((d) => [d.factId, d]));
  const [values, setValues] = useState<Map<FactId, Determination>>(() => new Map(catalog.facts.map((f) => [f.id, current.get(f.id) ?? { factId: f.id, value: 'unknown', note: '' }])));
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'info'; text: string } | null>(null);
  const set = (factId: FactId, patch: Partial<Determination>) => setValues((m) => new Map(m).set(factId, { ...(m.get(factId) ?? { factId, value: 'unknown', note: '' }), ...patch }));
  const save = async () => {
    const changed = [...values.values()].filter((v) => {
      const before = current.get(v.factId);
      return (before?.value ?? 'unknown') !== v.value || (before?.note ?? '') !== v.note;
    });
    if (changed.length === 0) {
      setMessage({ kind: 'info', text: 'Nothing changed.' });
      return;
    }
    try {
      const result = await call('determinations.set', { caseId: view.case.id, values: changed });
      await refetch();
      const parts = [
        result.added.length > 0 ? `now owed to ${result.added.map((r) => recipientLabels[r]).join(', ')}` : '',
        result.removed.length > 0 ? `no longer owed to ${result.removed.map((r) => recipientLabels[r]).join(', ')}` : '',
      ].filter(Boolean);
      setMessage({ kind: 'ok', text: `Determinations saved. Reporting obligations ${parts.length > 0 ? parts.join('; ') : 'unchanged'}.` });
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    }
  };
  return (
    <section className="card stack" aria-labelledby="determinations-title">
      <h2 id="determinations-title">Determinations</h2>
      <p className="muted">Each answer sets what must be reported, to whom and how fast. Leave “unknown” where the team cannot yet say.</p>
      {message !== null ? (
        <FocusedStatus kind={message.kind} token={message}>
          {message.text}
        </FocusedStatus>
      ) : null}
      <table className="data determinations">
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Answer</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {catalog.facts.map((f) => {
            const v = values.get(f.id);
            return (
              <tr key={f.id}>
                <th scope="row">
                  <span className="fact-label">{f.label}</span>
                  <span className="muted fact-meaning">{f.meaning}</span>
                </th>
                <td>
                  <div className="segmented" role="radiogroup" aria-label={f.label}>
                    {(['yes', 'no', 'unknown'] as const).map((answer) => (
                      <label key={answer}>
                        <input type="radio" name={`fact-${f.id}`} value={answer} checked={v?.value === answer} onChange={() => set(f.id, { value: answer })} />
                        {answer === 'yes' ? 'Yes' : answer === 'no' ? 'No' : 'Unknown'}
                      </label>
                    ))}
                  </div>
                </td>
                <td>
                  <input type="text" aria-label={`Note: ${f.label}`} value={v?.note ?? ''} onChange={(e) => set(f.id, { note: e.target.value })} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {view.case.status !== 'closed' ? (
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={() => void save()}>
            Save determinations
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** Assess: interest, motive, ability, imminence and risk; the determinations that drive reporting; the pathway. */
export function AssessmentTab({ view }: { view: CaseView }) {
  const training = useSession((s) => s.status?.training === true);
  return (
    <div className="stack">
      {training ? <ExerciseCard exerciseId="l2_ra1_pathway_placement" /> : null}
      <PathwayView view={view} />
      <AssessmentForm view={view} />
      <Determinations view={view} />
    </div>
  );
}
