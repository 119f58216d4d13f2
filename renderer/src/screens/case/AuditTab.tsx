import type { MethodOutput } from '../../../../shared/contract';
import type { CaseView } from '../../../../shared/contract/cases';
import { auditDetailText, auditEventLabel, valueLabel } from '../../../../shared/labels';
import { call } from '../../api/client';
import { loaded, LoadStatus, useLoad } from '../../useLoad';
import { optionText } from '../../planLabels';

type Events = MethodOutput<'audit.list'>;

/** Names of the things on this case that audit details point to by id. */
export function caseItemNames(view: CaseView): (id: string) => string | undefined {
  const names = new Map<string, string>();
  names.set(view.case.id, `case ${view.case.number}`);
  for (const a of view.actions) names.set(a.id, optionText(a.optionId));
  for (const i of view.indicators) names.set(i.id, i.summary);
  for (const s of view.strategies) names.set(s.id, s.title);
  for (const r of view.reports) names.set(r.id, `report received ${r.receivedOn}`);
  for (const item of view.analysis) names.set(item.id, item.text.length > 60 ? `${item.text.slice(0, 57)}…` : item.text);
  for (const e of view.evidence) names.set(e.id, e.name);
  for (const r of view.reviews) names.set(r.id, `review held ${r.heldOn}`);
  for (const r of view.reportingRecords) names.set(r.id, `report to ${valueLabel(r.recipient)}`);
  view.assessments.forEach((x, index) => names.set(x.id, `assessment ${String(index + 1)}`));
  return (id) => names.get(id);
}

/** Who did what on this case, and when — from the hash-chained audit log. */
export function AuditTab({ caseId, view }: { caseId: string; view: CaseView }) {
  const audit = useLoad(() => call('audit.list', { caseId, limit: 200 }), [caseId]);
  if (!loaded(audit)) return <LoadStatus of={audit} />;
  const events: Events = audit.data;
  const names = caseItemNames(view);
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log of case {view.case.number}</h2>
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
              <td className="mono nowrap">{e.at.slice(0, 19).replace('T', ' ')}</td>
              <td className="nowrap">{e.actor}</td>
              <td>{auditEventLabel(e.action)}</td>
              <td className="cite">
                {auditDetailText(e.detail, names)}
                {e.note !== undefined ? <div className="audit-note">{e.note}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
