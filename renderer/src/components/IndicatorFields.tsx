import { localToday } from '../../../shared/model/schedule';
import type { NewIndicator } from '../../../shared/contract/cases';
import { indicatorStages, priCategories } from '../../../shared/domain/ids';
import { corroborationValues } from '../../../shared/model/caseRecord';
import { categoryLabels, corroborationLabels, stageLabels } from '../labels';
import { Field } from './Field';

export type IndicatorDraft = Omit<NewIndicator, 'detail'> & { detail: string };

export function emptyIndicator(): IndicatorDraft {
  return { category: 'financial', stage: 'stressor', observedOn: localToday(), summary: '', detail: '', source: '', corroboration: 'uncorroborated', basis: 'fact' };
}

/** The fields of one indicator, shared by intake and the case's indicator form. */
export function IndicatorFields({ value, onChange, errors, prefix }: { value: IndicatorDraft; onChange: (v: IndicatorDraft) => void; errors: Record<string, string>; prefix: string }) {
  const set = <K extends keyof IndicatorDraft>(key: K, v: IndicatorDraft[K]) => onChange({ ...value, [key]: v });
  const err = (k: string) => errors[`${prefix}${k}`];
  return (
    <div className="stack">
      <Field label="Summary" required error={err('summary')}>
        {(p) => <input {...p} type="text" value={value.summary} onChange={(e) => set('summary', e.target.value)} />}
      </Field>
      <div className="grid-3">
        <Field label="PRI category" required>
          {(p) => (
            <select {...p} value={value.category} onChange={(e) => set('category', e.target.value as IndicatorDraft['category'])}>
              {priCategories.map((c) => (
                <option key={c} value={c}>
                  {categoryLabels[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Pathway stage" required>
          {(p) => (
            <select {...p} value={value.stage} onChange={(e) => set('stage', e.target.value as IndicatorDraft['stage'])}>
              {indicatorStages.map((s) => (
                <option key={s} value={s}>
                  {stageLabels[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Date observed" required error={err('observedOn')}>
          {(p) => <input {...p} type="date" max={localToday()} value={value.observedOn} onChange={(e) => set('observedOn', e.target.value)} />}
        </Field>
      </div>
      <div className="grid-3">
        <Field label="Source" required error={err('source')}>
          {(p) => <input {...p} type="text" value={value.source} onChange={(e) => set('source', e.target.value)} />}
        </Field>
        <Field label="Corroboration" required>
          {(p) => (
            <select {...p} value={value.corroboration} onChange={(e) => set('corroboration', e.target.value as IndicatorDraft['corroboration'])}>
              {corroborationValues.map((c) => (
                <option key={c} value={c}>
                  {corroborationLabels[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Fact or opinion" required>
          {(p) => (
            <select {...p} value={value.basis} onChange={(e) => set('basis', e.target.value as IndicatorDraft['basis'])}>
              <option value="fact">Fact</option>
              <option value="opinion">Opinion</option>
            </select>
          )}
        </Field>
      </div>
      <Field label="Detail" error={err('detail')}>
        {(p) => <textarea {...p} value={value.detail} onChange={(e) => set('detail', e.target.value)} />}
      </Field>
    </div>
  );
}
