import { useState, type FormEvent } from 'react';
import { intakeSchema } from '../../../shared/contract/cases';
import { programTypes, type ProgramType } from '../../../shared/domain/ids';
import { call, errorMessage } from '../api/client';
import { Field } from '../components/Field';
import { emptyIndicator, IndicatorFields, type IndicatorDraft } from '../components/IndicatorFields';
import { emptyReport, ReportFields, type ReportDraft } from '../components/ReportFields';
import { focusWhenShown } from '../focusResult';
import { fieldErrors, futureDateErrors } from '../forms';
import { programLabels } from '../labels';
import { useNavigation } from '../stores/navigation';
import { Alert } from '../components/Alert';

const emptySubject = { realName: '', employeeId: '', orgUnit: '', position: '', clearance: '', facilityAccess: '', systemAccess: '' };

/** Open a case: subject, program, the first report and the initial indicators. */
export function Intake() {
  const go = useNavigation((s) => s.go);
  const [title, setTitle] = useState('');
  const [program, setProgram] = useState<ProgramType>('dod');
  const [subject, setSubject] = useState(emptySubject);
  const [report, setReport] = useState<ReportDraft>(emptyReport());
  const [indicators, setIndicators] = useState<IndicatorDraft[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setS = (k: keyof typeof emptySubject, v: string) => setSubject((s) => ({ ...s, [k]: v }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = { title, program, subject, report, indicators, assignedTo: null };
    const parsed = intakeSchema.safeParse(input);
    const dates: Record<string, string> = { 'report.receivedOn': report.receivedOn };
    const what: Record<string, string> = { 'report.receivedOn': 'The date received' };
    indicators.forEach((i, n) => {
      dates[`indicators.${n}.observedOn`] = i.observedOn;
      what[`indicators.${n}.observedOn`] = 'The date observed';
    });
    const next = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...futureDateErrors(dates, what) };
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.success) {
      setFailure('Some fields need attention; nothing was saved.');
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const created = await call('cases.create', parsed.data);
      go({ name: 'case', caseId: created.id });
      focusWhenShown(() => [...document.querySelectorAll<HTMLElement>('main h1')].find((h) => h.textContent?.includes(created.number) === true));
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="screen stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="screen-title">
      <div className="screen-head">
        <div>
          <h1 id="screen-title">New case</h1>
          <p className="muted">Detect and identify: record who, what was reported, and the first indicators. The subject is shown by a pseudonymous id from now on.</p>
        </div>
      </div>
      {failure !== null ? (
        <Alert kind="error">
          {failure}
        </Alert>
      ) : null}
      <section className="card stack" aria-labelledby="case-section">
        <h2 id="case-section">Case</h2>
        <div className="grid-2">
          <Field label="Case title" required error={errors['title']} hint="A neutral description, e.g. “Financial stress and borrowing from colleagues”.">
            {(p) => <input {...p} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
          <Field label="Program type" required hint="Sets which reporting requirements apply.">
            {(p) => (
              <select {...p} value={program} onChange={(e) => setProgram(e.target.value as ProgramType)}>
                {programTypes.map((t) => (
                  <option key={t} value={t}>
                    {programLabels[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </section>
      <section className="card stack" aria-labelledby="subject-section">
        <h2 id="subject-section">Person of concern</h2>
        <div className="grid-3">
          <Field label="Full name" required error={errors['subject.realName']}>
            {(p) => <input {...p} type="text" value={subject.realName} onChange={(e) => setS('realName', e.target.value)} />}
          </Field>
          <Field label="Employee id" error={errors['subject.employeeId']}>
            {(p) => <input {...p} type="text" value={subject.employeeId} onChange={(e) => setS('employeeId', e.target.value)} />}
          </Field>
          <Field label="Organization unit" error={errors['subject.orgUnit']}>
            {(p) => <input {...p} type="text" value={subject.orgUnit} onChange={(e) => setS('orgUnit', e.target.value)} />}
          </Field>
          <Field label="Position" error={errors['subject.position']}>
            {(p) => <input {...p} type="text" value={subject.position} onChange={(e) => setS('position', e.target.value)} />}
          </Field>
          <Field label="Clearance level" error={errors['subject.clearance']}>
            {(p) => <input {...p} type="text" value={subject.clearance} onChange={(e) => setS('clearance', e.target.value)} />}
          </Field>
          <Field label="Facility access" error={errors['subject.facilityAccess']}>
            {(p) => <input {...p} type="text" value={subject.facilityAccess} onChange={(e) => setS('facilityAccess', e.target.value)} />}
          </Field>
        </div>
        <Field label="System access" error={errors['subject.systemAccess']}>
          {(p) => <input {...p} type="text" value={subject.systemAccess} onChange={(e) => setS('systemAccess', e.target.value)} />}
        </Field>
      </section>
      <section className="card stack" aria-labelledby="report-section">
        <h2 id="report-section">First report</h2>
        <ReportFields value={report} onChange={setReport} errors={errors} prefix="report." />
      </section>
      <section className="card stack" aria-labelledby="indicators-section">
        <div className="row spread">
          <h2 id="indicators-section">Initial indicators</h2>
          <button type="button" className="btn" onClick={() => setIndicators((l) => [...l, emptyIndicator()])}>
            Add indicator
          </button>
        </div>
        {indicators.length === 0 ? <p className="muted">None yet. Indicators can also be added on the case later.</p> : null}
        {indicators.map((indicator, n) => (
          <fieldset key={n} className="fieldset">
            <legend>Indicator {n + 1}</legend>
            <IndicatorFields value={indicator} prefix={`indicators.${n}.`} errors={errors} onChange={(v) => setIndicators((l) => l.map((x, i) => (i === n ? v : x)))} />
            <button type="button" className="btn-link" onClick={() => setIndicators((l) => l.filter((_, i) => i !== n))}>
              Remove indicator {n + 1}
            </button>
          </fieldset>
        ))}
      </section>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Opening the case…' : 'Open case'}
        </button>
        <button type="button" className="btn" onClick={() => go({ name: 'cases' })}>
          Cancel
        </button>
      </div>
    </form>
  );
}
