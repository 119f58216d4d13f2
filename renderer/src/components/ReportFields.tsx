import { localToday } from '../../../shared/model/schedule';
import { howReceivedValues } from '../../../shared/model/caseRecord';
import { howReceivedLabels } from '../labels';
import { Field } from './Field';

export interface ReportDraft {
  receivedOn: string;
  howReceived: (typeof howReceivedValues)[number];
  reporter: string;
  reporterConfidential: boolean;
  narrative: string;
}

export function emptyReport(howReceived: ReportDraft['howReceived'] = 'supervisor_referral'): ReportDraft {
  return { receivedOn: localToday(), howReceived, reporter: '', reporterConfidential: false, narrative: '' };
}

/** The fields of a report, shared by intake and the case's report form. */
export function ReportFields({ value, onChange, errors, prefix }: { value: ReportDraft; onChange: (v: ReportDraft) => void; errors: Record<string, string>; prefix: string }) {
  const set = <K extends keyof ReportDraft>(key: K, v: ReportDraft[K]) => onChange({ ...value, [key]: v });
  return (
    <>
      <div className="grid-3">
        <Field label="Date received" required error={errors[`${prefix}receivedOn`]}>
          {(p) => <input {...p} type="date" max={localToday()} value={value.receivedOn} onChange={(e) => set('receivedOn', e.target.value)} />}
        </Field>
        <Field label="How received" required>
          {(p) => (
            <select {...p} value={value.howReceived} onChange={(e) => set('howReceived', e.target.value as ReportDraft['howReceived'])}>
              {howReceivedValues.map((h) => (
                <option key={h} value={h}>
                  {howReceivedLabels[h]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Reporter" error={errors[`${prefix}reporter`]}>
          {(p) => <input {...p} type="text" value={value.reporter} onChange={(e) => set('reporter', e.target.value)} />}
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" checked={value.reporterConfidential} onChange={(e) => set('reporterConfidential', e.target.checked)} />
        Confidential source: hide the reporter from everyone outside the case team
      </label>
      <Field label="Narrative" required error={errors[`${prefix}narrative`]}>
        {(p) => <textarea {...p} rows={6} value={value.narrative} onChange={(e) => set('narrative', e.target.value)} />}
      </Field>
    </>
  );
}
