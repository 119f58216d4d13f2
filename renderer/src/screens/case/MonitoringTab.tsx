import { localToday } from '../../../../shared/model/schedule';
import { FocusedStatus } from '../../components/FocusedStatus';
import { useState, type FormEvent } from 'react';
import type { MethodOutput } from '../../../../shared/contract';
import type { CaseView } from '../../../../shared/contract/cases';
import { reviewInputSchema } from '../../../../shared/contract/monitoring';
import { activeActionStatuses } from '../../../../shared/model/actionStatus';
import { decodeEffectiveness, effectivenessLabels, effectivenessRatings, type EffectivenessRating } from '../../../../shared/model/effectiveness';
import { call, errorMessage } from '../../api/client';
import { Field } from '../../components/Field';
import { ReviewDue, viewDates } from '../../components/ReviewDue';
import { fieldErrors, futureDateErrors } from '../../forms';
import { formatDate } from '../../labels';
import { optionText } from '../../planLabels';
import { useCaseQuery } from '../../stores/currentCase';
import { loaded, LoadStatus, useLoad } from '../../useLoad';
import { useNavigation } from '../../stores/navigation';

type Schedule = MethodOutput<'monitoring.schedule'>;

function ScheduleCard({ view }: { view: CaseView }) {
  const load = useLoad(() => call('monitoring.schedule', { caseId: view.case.id }), [view]);
  const schedule: Schedule | null = loaded(load) ? load.data : null;
  return (
    <section className="card stack" aria-labelledby="schedule-title">
      <h2 id="schedule-title">Review schedule</h2>
      {schedule === null ? (
        <LoadStatus of={load} />
      ) : (
        <>
          <dl className="kv">
            <dt>Next review</dt>
            <dd>
              <ReviewDue dates={viewDates(view)} prefix="" />
            </dd>
            <dt>Interval</dt>
            <dd>{schedule.intervalDays === null ? '—' : `every ${schedule.intervalDays} days at most`}</dd>
            <dt>Last review</dt>
            <dd>{formatDate(view.reviews.at(-1)?.heldOn ?? null)}</dd>
          </dl>
          <ul className="plain-list">
            {schedule.reasons.map((r) => (
              <li key={r}>{r.replace(/Open action [0-9a-f-]+/, 'An open action')}</li>
            ))}
          </ul>
          <p className="cite">Source: {schedule.source}</p>
        </>
      )}
    </section>
  );
}

function ReviewForm({ view }: { view: CaseView }) {
  const { refetch } = useCaseQuery();
  const go = useNavigation((s) => s.go);
  const active = view.actions.filter((a) => activeActionStatuses.includes(a.status));
  const [d, setD] = useState({ heldOn: localToday(), whatChanged: '', newIndicators: '', coordination: '' });
  const [ratings, setRatings] = useState<Record<string, { rating: EffectivenessRating | ''; note: string }>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; text: string; reassess: boolean } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const effectiveness = Object.entries(ratings)
      .filter(([, v]) => v.rating !== '')
      .map(([actionId, v]) => ({ actionId, rating: v.rating as EffectivenessRating, note: v.note }));
    const parsed = reviewInputSchema.safeParse({ caseId: view.case.id, ...d, effectiveness });
    const next = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...futureDateErrors({ heldOn: d.heldOn }, { heldOn: 'The review date' }) };
    setErrors(next);
    if (!parsed.success || Object.keys(next).length > 0) return;
    try {
      const saved = await call('monitoring.recordReview', parsed.data);
      await refetch();
      setD({ heldOn: localToday(), whatChanged: '', newIndicators: '', coordination: '' });
      setRatings({});
      setResult({
        kind: 'ok',
        text: `Review recorded. ${saved.nextReview === null ? 'The review schedule starts with the first assessment.' : `Next review ${saved.nextReview}.`}${saved.reassessSuggested ? ' The review found new indicators or a response that is not working: re-assess the case.' : ''}`,
        reassess: saved.reassessSuggested,
      });
    } catch (e) {
      setResult({ kind: 'error', text: errorMessage(e), reassess: false });
    }
  };
  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="review-title">
      <h2 id="review-title">Record a review</h2>
      {result !== null ? (
        <FocusedStatus kind={result.reassess ? 'warn' : result.kind} token={result}>
          {result.text}{' '}
          {result.reassess ? (
            <button type="button" className="btn-link" onClick={() => go({ name: 'case', caseId: view.case.id, tab: 'assessment' })}>
              Re-assess now
            </button>
          ) : null}
        </FocusedStatus>
      ) : null}
      <div className="grid-2">
        <Field label="Review date" required error={errors['heldOn']}>
          {(p) => <input {...p} type="date" max={localToday()} value={d.heldOn} onChange={(e) => setD((x) => ({ ...x, heldOn: e.target.value }))} />}
        </Field>
      </div>
      <Field label="What changed since the last review" required error={errors['whatChanged']}>
        {(p) => <textarea {...p} rows={3} value={d.whatChanged} onChange={(e) => setD((x) => ({ ...x, whatChanged: e.target.value }))} />}
      </Field>
      {active.length > 0 ? (
        <fieldset className="fieldset">
          <legend>Effectiveness of each response</legend>
          {active.map((a) => {
            const label = optionText(a.optionId);
            const v = ratings[a.id] ?? { rating: '', note: '' };
            const set = (patch: Partial<typeof v>) => setRatings((r) => ({ ...r, [a.id]: { ...v, ...patch } }));
            return (
              <div key={a.id} className="grid-2">
                <Field label={`Effectiveness: ${label}`}>
                  {(p) => (
                    <select {...p} value={v.rating} onChange={(e) => set({ rating: e.target.value as EffectivenessRating | '' })}>
                      <option value="">Not rated</option>
                      {effectivenessRatings.map((r) => (
                        <option key={r} value={r}>
                          {effectivenessLabels[r]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={`Note: ${label}`}>{(p) => <input {...p} type="text" value={v.note} onChange={(e) => set({ note: e.target.value })} />}</Field>
              </div>
            );
          })}
        </fieldset>
      ) : (
        <p className="muted">No response is approved, in progress or done yet to rate.</p>
      )}
      <Field label="New or escalating indicators" error={errors['newIndicators']} hint="Remain vigilant for additional or escalating indicators and document behaviors of concern. Record each as an indicator too.">
        {(p) => <textarea {...p} rows={2} value={d.newIndicators} onChange={(e) => setD((x) => ({ ...x, newIndicators: e.target.value }))} />}
      </Field>
      <Field
        label="Partner coordination"
        error={errors['coordination']}
        hint="Law or policy may prevent some partners from sharing information with the program — Employee Assistance Programs, law enforcement and counterintelligence among them. Note what was asked and what could not be shared."
      >
        {(p) => <textarea {...p} rows={2} value={d.coordination} onChange={(e) => setD((x) => ({ ...x, coordination: e.target.value }))} />}
      </Field>
      {view.case.status !== 'closed' ? (
        <div className="row">
          <button type="submit" className="btn btn-primary">
            Record review
          </button>
        </div>
      ) : null}
    </form>
  );
}

function PastReviews({ view }: { view: CaseView }) {
  const reviews = [...view.reviews].reverse();
  return (
    <section className="card stack" aria-labelledby="reviews-title">
      <h2 id="reviews-title">Reviews</h2>
      {reviews.length === 0 ? <p className="muted">No review recorded yet.</p> : null}
      <ul className="analysis-list">
        {reviews.map((r) => (
          <li key={r.id} className="stack">
            <h3>
              Review of {r.heldOn} <span className="muted">by {r.reviewedBy}; next {formatDate(r.nextReview)}</span>
            </h3>
            <p className="narrative">{r.whatChanged}</p>
            {Object.keys(r.effectiveness).length > 0 ? (
              <ul className="plain-list">
                {Object.entries(r.effectiveness).map(([actionId, value]) => {
                  const action = view.actions.find((a) => a.id === actionId);
                  const { rating, note } = decodeEffectiveness(value);
                  return (
                    <li key={actionId}>
                      {action === undefined ? 'A removed action' : optionText(action.optionId)}: <strong>{rating === null ? '—' : effectivenessLabels[rating]}</strong>
                      {note !== '' ? ` — ${note}` : ''}
                    </li>
                  );
                })}
              </ul>
            ) : null}
            {r.newIndicators !== '' ? <p>New or escalating indicators: {r.newIndicators}</p> : null}
            {r.coordination !== '' ? <p className="muted">Coordination: {r.coordination}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Monitor: implementing a response does not eliminate risk; review it on schedule and re-assess when it is not working. */
export function MonitoringTab({ view }: { view: CaseView }) {
  return (
    <div className="grid-2">
      <div className="stack">
        <ScheduleCard view={view} />
        <PastReviews view={view} />
      </div>
      <ReviewForm view={view} />
    </div>
  );
}
