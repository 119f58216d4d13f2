import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { CaseView } from '../../../../shared/contract/cases';
import { newActionSchema } from '../../../../shared/contract/mitigation';
import { catalog, type Warning } from '../../../../shared/domain';
import { disciplines, responseTargets, responseTypes, type Discipline, type OptionId } from '../../../../shared/domain/ids';
import { call, errorMessage } from '../../api/client';
import { warningLabel } from '../../../../shared/labels';
import { Field } from '../../components/Field';
import { FocusedStatus } from '../../components/FocusedStatus';
import { fieldErrors } from '../../forms';
import { disciplineLabels, optionSource, targetLabels, typeLabels } from '../../planLabels';
import { useCaseQuery } from '../../stores/currentCase';
import { OwnerDisciplineField, StrategyField } from './actionFields';
import { Alert } from '../../components/Alert';

interface Draft {
  discipline: string;
  type: string;
  target: string;
  optionId: string;
  strategyId: string;
  ownerDiscipline: Discipline;
  ownerPerson: string;
  dueOn: string;
  notes: string;
}

/**
 * Choose an option from the catalog, filtered by discipline, type and target, with
 * the engine's recommendations first; the warnings the option would draw show as
 * soon as it is chosen, before anything is proposed.
 */
export function PlanActionForm({ view, chosen, onChosen }: { view: CaseView; chosen: OptionId | null; onChosen: (id: OptionId | null) => void }) {
  const { refetch, evaluation } = useCaseQuery();
  const [d, setD] = useState<Draft>({ discipline: '', type: '', target: '', optionId: '', strategyId: '', ownerDiscipline: 'security', ownerPerson: '', dueOn: '', notes: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [preview, setPreview] = useState<Warning[]>([]);
  const recommended = useMemo(() => new Set((evaluation?.recommendations ?? []).map((r) => r.option as string)), [evaluation]);

  const choose = (optionId: string) => {
    const option = catalog.responseOptions.find((o) => o.id === optionId);
    setD((x) => ({ ...x, optionId, ownerDiscipline: option?.discipline ?? x.ownerDiscipline }));
  };
  useEffect(() => {
    if (chosen !== null) {
      setD((x) => ({ ...x, discipline: '', type: '', target: '' }));
      choose(chosen);
      onChosen(null);
    }
  }, [chosen, onChosen]);

  const caseId = view.case.id;
  useEffect(() => {
    if (d.optionId === '') {
      setPreview([]);
      return;
    }
    let live = true;
    const before = new Set((evaluation?.warnings ?? []).map((w) => w.code));
    call('mitigation.preview', { caseId, add: [d.optionId as OptionId] }).then(
      (out) => {
        if (live) setPreview(out.warnings.filter((w) => w.options?.includes(d.optionId as OptionId) === true || !before.has(w.code)));
      },
      () => {
        if (live) setPreview([]);
      },
    );
    return () => {
      live = false;
    };
  }, [caseId, d.optionId, evaluation]);

  const matches = catalog.responseOptions.filter(
    (o) => (d.discipline === '' || o.discipline === d.discipline) && (d.type === '' || o.type === d.type) && (d.target === '' || o.target === d.target),
  );
  const top = matches.filter((o) => recommended.has(o.id));
  const rest = matches.filter((o) => !recommended.has(o.id));
  const selected = catalog.responseOptions.find((o) => o.id === d.optionId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = newActionSchema.safeParse({
      caseId,
      optionId: d.optionId,
      strategyId: d.strategyId === '' ? null : d.strategyId,
      ownerDiscipline: d.ownerDiscipline,
      ownerPerson: d.ownerPerson,
      dueOn: d.dueOn === '' ? null : d.dueOn,
      notes: d.notes,
    });
    if (!parsed.success) {
      const e = fieldErrors(parsed.error);
      if (e['optionId'] !== undefined) e['optionId'] = 'Choose a response option.';
      setErrors(e);
      return;
    }
    setErrors({});
    try {
      const result = await call('mitigation.addAction', parsed.data);
      await refetch();
      const warned = result.warnings.map((w) => warningLabel(w.code));
      setMessage({ kind: 'ok', text: `Proposed: ${selected?.label ?? d.optionId}.${warned.length > 0 ? ` The engine warns: ${warned.join('; ')}.` : ''}` });
      setD((x) => ({ ...x, optionId: '', ownerPerson: '', dueOn: '', notes: '' }));
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    }
  };

  const filter = (label: string, key: 'discipline' | 'type' | 'target', values: readonly string[], labels: Record<string, string>) => (
    <Field label={label}>
      {(p) => (
        <select {...p} value={d[key]} onChange={(e) => setD((x) => ({ ...x, [key]: e.target.value }))}>
          <option value="">Any</option>
          {values.map((v) => (
            <option key={v} value={v}>
              {labels[v]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="propose-title" id="propose-action">
      <h2 id="propose-title">Propose an action</h2>
      {message !== null ? (
        <FocusedStatus kind={message.kind} token={message}>
          {message.text}
        </FocusedStatus>
      ) : null}
      <div className="grid-3">
        {filter('Discipline', 'discipline', disciplines, disciplineLabels)}
        {filter('Type', 'type', responseTypes, typeLabels)}
        {filter('Target', 'target', responseTargets, targetLabels)}
      </div>
      <Field label="Response option" required error={errors['optionId']} hint={`${matches.length} of ${catalog.responseOptions.length} options match the filters.`}>
        {(p) => (
          <select {...p} data-option-select value={d.optionId} onChange={(e) => choose(e.target.value)}>
            <option value="">Choose…</option>
            {top.length > 0 ? (
              <optgroup label="Recommended by the rules engine">
                {top.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label="Other options">
              {rest.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          </select>
        )}
      </Field>
      {selected !== undefined ? (
        <div className="subform stack">
          <p>{selected.description}</p>
          <p className="cite">
            {disciplineLabels[selected.discipline]} · {typeLabels[selected.type]} · {targetLabels[selected.target]} — {optionSource(selected.id)}
          </p>
          {preview.length > 0 ? (
            <Alert kind="warn">
              <strong>Proposing this draws:</strong>
              <ul className="plain-list">
                {preview.map((w) => (
                  <li key={w.code}>
                    <strong>{warningLabel(w.code)}</strong> — {w.message}
                  </li>
                ))}
              </ul>
            </Alert>
          ) : (
            <p className="muted" role="status">
              The engine raises no new warning for this option.
            </p>
          )}
        </div>
      ) : null}
      <div className="grid-2">
        <StrategyField strategies={view.strategies} value={d.strategyId} onChange={(strategyId) => setD((x) => ({ ...x, strategyId }))} />
        <OwnerDisciplineField required value={d.ownerDiscipline} onChange={(ownerDiscipline) => setD((x) => ({ ...x, ownerDiscipline }))} />
        <Field label="Owner" error={errors['ownerPerson']} hint="The person who carries the action out.">
          {(p) => <input {...p} type="text" value={d.ownerPerson} onChange={(e) => setD((x) => ({ ...x, ownerPerson: e.target.value }))} />}
        </Field>
        <Field label="Due date" error={errors['dueOn']}>
          {(p) => <input {...p} type="date" value={d.dueOn} onChange={(e) => setD((x) => ({ ...x, dueOn: e.target.value }))} />}
        </Field>
      </div>
      <Field label="Notes" error={errors['notes']}>
        {(p) => <textarea {...p} rows={2} value={d.notes} onChange={(e) => setD((x) => ({ ...x, notes: e.target.value }))} />}
      </Field>
      <div className="row">
        <button type="submit" className="btn btn-primary">
          Propose action
        </button>
      </div>
    </form>
  );
}
