import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';

type Events = MethodOutput<'audit.list'>;

const actionLabels: Record<string, string> = {
  'case.create': 'Opened the case',
  'case.view': 'Viewed the case',
  'case.reveal_subject': "Revealed the subject's name",
  'case.tag_add': 'Added a tag',
  'case.tag_remove': 'Removed a tag',
  'report.add': 'Added a report',
  'indicator.add': 'Added an indicator',
  'indicator.update': 'Changed an indicator',
  'analysis.add': 'Added an analysis item',
  'analysis.update': 'Changed an analysis item',
  'analysis.remove': 'Removed an analysis item',
  'checklist.set': 'Updated the checklist',
  'assessment.record': 'Recorded an assessment',
  'determinations.set': 'Answered determination questions',
  'strategy.add': 'Added a mitigation strategy',
  'action.add': 'Proposed an action',
  'action.update': 'Changed an action',
  'action.signoff': 'Signed off an action (legal)',
  'action.transition': 'Changed the status of an action',
  'reporting.record': 'Recorded a reporting obligation',
  'review.record': 'Recorded a review',
  'assessment.final': 'Marked the final assessment',
  'case.close': 'Closed the case',
  'case.reopen': 'Reopened the case',
};

/** Who did what on this case, and when — from the hash-chained audit log. */
export function AuditTab({ caseId }: { caseId: string }) {
  const [events, setEvents] = useState<Events | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('audit.list', { caseId, limit: 200 }).then(setEvents, (e: unknown) => setError(errorMessage(e)));
  }, [caseId]);
  if (error !== null) return <p className="error">{error}</p>;
  if (events === null) return <p className="muted">Loading…</p>;
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log of this case</h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.seq}>
              <td className="mono">{e.seq}</td>
              <td className="mono">{e.at.slice(0, 19).replace('T', ' ')}</td>
              <td>{e.actor}</td>
              <td>{actionLabels[e.action] ?? e.action}</td>
              <td className="cite">
                {Object.entries(e.detail)
                  .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v as string)}`)
                  .join(' · ')}
                {e.note !== undefined ? <div className="audit-note">{e.note}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
