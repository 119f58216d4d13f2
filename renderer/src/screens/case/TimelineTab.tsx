import { useState } from 'react';
import type { CaseView } from '../../../../shared/contract/cases';
import type { TimelineEntry, TimelineKind } from '../../../../shared/model/timeline';
import { timelineKinds } from '../../../../shared/model/timeline';
import { call } from '../../api/client';
import { loaded, LoadStatus, useLoad } from '../../useLoad';

const kindLabels: Record<TimelineKind, string> = {
  report: 'Report',
  indicator: 'Indicator',
  analysis: 'Analysis',
  assessment: 'Assessment',
  determination: 'Decision',
  action: 'Action',
  reporting: 'Reporting',
  review: 'Review',
  closure: 'Closure',
};

/** Everything recorded on the case in one list: indicators, analysis, decisions, actions, reports made and reviews. */
export function TimelineTab({ view }: { view: CaseView }) {
  const timeline = useLoad(() => call('cases.timeline', { caseId: view.case.id }), [view]);
  const [shown, setShown] = useState<Set<TimelineKind>>(() => new Set(timelineKinds));
  if (!loaded(timeline)) return <LoadStatus of={timeline} />;
  const entries: TimelineEntry[] = timeline.data;
  const visible = entries.filter((e) => shown.has(e.kind));
  const toggle = (kind: TimelineKind, on: boolean) =>
    setShown((s) => {
      const next = new Set(s);
      if (on) next.add(kind);
      else next.delete(kind);
      return next;
    });
  return (
    <section className="card stack" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Case timeline</h2>
      <fieldset className="fieldset">
        <legend>Show</legend>
        <div className="row">
          {timelineKinds.map((k) => (
            <label key={k} className="check">
              <input type="checkbox" checked={shown.has(k)} onChange={(e) => toggle(k, e.target.checked)} /> {kindLabels[k]}
            </label>
          ))}
        </div>
      </fieldset>
      <p className="muted" role="status">
        {visible.length} of {entries.length} entries, oldest first.
      </p>
      <ol className="timeline case-timeline" aria-label="Timeline entries">
        {visible.map((e, i) => (
          <li key={`${e.at}-${i}`} className="timeline-item">
            <span className="timeline-date">{e.date}</span>
            <div className={`timeline-entry kind-${e.kind}`}>
              <div className="row">
                <span className="badge kind-badge">{kindLabels[e.kind]}</span>
                <strong>{e.title}</strong>
              </div>
              <p className="cite">{[e.detail, e.actor === null ? '' : `recorded by ${e.actor}`].filter((x) => x !== '').join(' · ')}</p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
