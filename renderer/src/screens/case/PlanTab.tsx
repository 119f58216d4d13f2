import { useCallback, useState } from 'react';
import type { CaseView } from '../../../../shared/contract/cases';
import type { EvaluateOutput } from '../../../../shared/domain';
import type { OptionId } from '../../../../shared/domain/ids';
import { disciplines, responseTargets, type Discipline, type ResponseTarget } from '../../../../shared/domain/ids';
import { warningLabel } from '../../../../shared/labels';
import { SupportCode } from '../../components/SupportCode';
import { disciplineLabels, targetLabels, typeLabels } from '../../planLabels';
import { useCaseQuery } from '../../stores/currentCase';
import { PlanActionForm } from './PlanActionForm';
import { PlanActions } from './PlanActions';
import { Alert } from '../../components/Alert';

/** The engine's warnings for the plan, each with the passage it enforces. */
function Guardrails() {
  const { evaluation } = useCaseQuery();
  const warnings = evaluation?.warnings ?? [];
  return (
    <section className="card stack guardrails" aria-labelledby="guardrails-title">
      <h2 id="guardrails-title">Guardrails</h2>
      {warnings.length === 0 ? (
        <p className="muted">The rules engine raises no warning for this plan.</p>
      ) : (
        <ul className="guardrail-list">
          {warnings.map((w) => (
            <Alert as="li" kind={w.code === 'reporting_due' ? 'error' : 'warn'} role={null} key={w.code}>
              <strong className="guardrail-title">{warningLabel(w.code)}</strong>
              <p>{w.message}</p>
              <p className="cite">Source: {w.source}</p>
              <SupportCode code={w.code} />
            </Alert>
          ))}
        </ul>
      )}
      <p className="cite">Approving an action the engine warns against needs a written justification, which is audited.</p>
    </section>
  );
}

/** A citation kept out of the way: a "Source" toggle that opens it in place. */
export function SourceToggle({ source, label }: { source: string; label: string }) {
  return (
    <details className="source-toggle">
      <summary aria-label={`Source: ${label}`}>Source</summary>
      <p className="cite">{source}</p>
    </details>
  );
}

type Rec = EvaluateOutput['recommendations'][number];

/** Recommendations grouped by target (person, victims, environment), then by discipline. */
export function groupRecommendations(recommendations: readonly Rec[]): { target: ResponseTarget; disciplines: { discipline: Discipline; items: Rec[] }[] }[] {
  return responseTargets
    .map((target) => {
      const ofTarget = recommendations.filter((r) => r.target === target);
      const byDiscipline = disciplines.map((discipline) => ({ discipline, items: ofTarget.filter((r) => r.discipline === discipline) })).filter((g) => g.items.length > 0);
      return { target, disciplines: byDiscipline };
    })
    .filter((g) => g.disciplines.length > 0);
}

function Recommendations({ onPropose, closed }: { onPropose: (id: OptionId) => void; closed: boolean }) {
  const { evaluation } = useCaseQuery();
  const recommendations = evaluation?.recommendations ?? [];
  const groups = groupRecommendations(recommendations);
  return (
    <section className="card stack" aria-labelledby="recommended-title">
      <h2 id="recommended-title">Recommended by the rules engine</h2>
      {recommendations.length === 0 ? (
        <p className="muted">No recommendation yet: record indicators and answer the determination questions.</p>
      ) : (
        groups.map((group) => (
          <section key={group.target} className="rec-group" aria-labelledby={`rec-${group.target}`}>
            <h3 id={`rec-${group.target}`}>{targetLabels[group.target]}</h3>
            {group.disciplines.map((d) => (
              <div key={d.discipline} className="rec-discipline">
                <h4 id={`rec-${group.target}-${d.discipline}`}>{disciplineLabels[d.discipline]}</h4>
                <ul className="analysis-list" aria-labelledby={`rec-${group.target}-${d.discipline}`}>
                  {d.items.map((r) => (
                    <li key={r.option} className="recommendation">
                      <div className="row spread">
                        <span className="analysis-text">{r.label}</span>
                        {r.inPlan ? (
                          <span className="badge badge-low">In the plan</span>
                        ) : !closed ? (
                          <button type="button" className="btn" aria-label={`Propose: ${r.label}`} onClick={() => onPropose(r.option)}>
                            Propose…
                          </button>
                        ) : null}
                      </div>
                      <p>
                        <span className="cite">{typeLabels[r.type]} response. </span>
                        {r.reason}
                      </p>
                      <SourceToggle source={r.source} label={r.label} />
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ))
      )}
    </section>
  );
}

/** Manage: plan tailored responses — the form first, then the plan, then the engine's recommendations; guardrails beside. */
export function PlanTab({ view }: { view: CaseView }) {
  const [chosen, setChosen] = useState<OptionId | null>(null);
  const closed = view.case.status === 'closed';
  const propose = useCallback((id: OptionId) => {
    setChosen(id);
    const form = document.getElementById('propose-action');
    form?.scrollIntoView({ block: 'start' });
    // The chosen option is in the form now: focus follows it there.
    form?.querySelector<HTMLSelectElement>('select[data-option-select]')?.focus();
  }, []);
  return (
    <div className="plan-layout">
      <div className="stack">
        {!closed ? <PlanActionForm view={view} chosen={chosen} onChosen={setChosen} /> : null}
        <PlanActions view={view} />
        <Recommendations onPropose={propose} closed={closed} />
      </div>
      <aside className="stack" aria-label="Guardrails of the plan">
        <Guardrails />
      </aside>
    </div>
  );
}
