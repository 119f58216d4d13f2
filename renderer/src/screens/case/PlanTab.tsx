import { useCallback, useState } from 'react';
import type { CaseView } from '../../../../shared/contract/cases';
import type { OptionId } from '../../../../shared/domain/ids';
import { warningLabels } from '../../labels';
import { disciplineLabels, targetLabels, typeLabels } from '../../planLabels';
import { useCurrentCase } from '../../stores/currentCase';
import { PlanActionForm } from './PlanActionForm';
import { PlanActions } from './PlanActions';

/** The engine's warnings for the plan, each with the passage it enforces. */
function Guardrails() {
  const evaluation = useCurrentCase((s) => s.evaluation);
  const warnings = evaluation?.warnings ?? [];
  return (
    <section className="card stack guardrails" aria-labelledby="guardrails-title">
      <h2 id="guardrails-title">Guardrails</h2>
      {warnings.length === 0 ? (
        <p className="muted">The rules engine raises no warning for this plan.</p>
      ) : (
        <ul className="guardrail-list">
          {warnings.map((w) => (
            <li key={w.code} className={`alert ${w.code === 'reporting_due' ? 'alert-error' : 'alert-warn'}`}>
              <p className="guardrail-title">
                <strong>{warningLabels[w.code]}</strong> <code className="guardrail-code">{w.code}</code>
              </p>
              <p>{w.message}</p>
              <p className="cite">Source: {w.source}</p>
            </li>
          ))}
        </ul>
      )}
      <p className="cite">Approving an action the engine warns against needs a written justification, which is audited.</p>
    </section>
  );
}

function Recommendations({ onPropose, closed }: { onPropose: (id: OptionId) => void; closed: boolean }) {
  const evaluation = useCurrentCase((s) => s.evaluation);
  const recommendations = evaluation?.recommendations ?? [];
  return (
    <section className="card stack" aria-labelledby="recommended-title">
      <h2 id="recommended-title">Recommended by the rules engine</h2>
      {recommendations.length === 0 ? (
        <p className="muted">No recommendation yet: record indicators and answer the determination questions.</p>
      ) : (
        <ul className="analysis-list">
          {recommendations.map((r) => (
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
              <p className="cite">
                {disciplineLabels[r.discipline]} · {typeLabels[r.type]} · {targetLabels[r.target]}
              </p>
              <p>{r.reason}</p>
              <p className="cite">Source: {r.source}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Manage: plan tailored responses, with the engine's recommendations and guardrails beside the plan. */
export function PlanTab({ view }: { view: CaseView }) {
  const [chosen, setChosen] = useState<OptionId | null>(null);
  const closed = view.case.status === 'closed';
  const propose = useCallback((id: OptionId) => {
    setChosen(id);
    document.getElementById('propose-action')?.scrollIntoView({ block: 'start' });
  }, []);
  return (
    <div className="plan-layout">
      <div className="stack">
        <PlanActions view={view} />
        <Recommendations onPropose={propose} closed={closed} />
        {!closed ? <PlanActionForm view={view} chosen={chosen} onChosen={setChosen} /> : null}
      </div>
      <aside className="stack" aria-label="Guardrails of the plan">
        <Guardrails />
      </aside>
    </div>
  );
}
