import type { CaseView } from '../../../../shared/contract/cases';
import { disciplines, type Discipline } from '../../../../shared/domain/ids';
import { Field } from '../../components/Field';
import { disciplineLabels } from '../../planLabels';

/** The strategy an action belongs to ('' for none), chosen among the case's strategies. */
export function StrategyField({ strategies, value, onChange }: { strategies: CaseView['strategies']; value: string; onChange: (strategyId: string) => void }) {
  return (
    <Field label="Strategy">
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Not in a strategy</option>
          {strategies.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The discipline that owns an action. */
export function OwnerDisciplineField({ value, onChange, required }: { value: Discipline; onChange: (discipline: Discipline) => void; required?: boolean }) {
  return (
    <Field label="Owner discipline" required={required}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value as Discipline)}>
          {disciplines.map((x) => (
            <option key={x} value={x}>
              {disciplineLabels[x]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
