import { effectivenessText } from '../../../../shared/labels';
import type { CaseView } from '../../../../shared/contract/cases';
import { catalog } from '../../../../shared/domain';
import type { Discipline } from '../../../../shared/domain/ids';
import { formatDate, recipientLabels } from '../../labels';
import { None, PrintTable, text } from './printParts';
import { custodyActionLabel, custodyDetailText } from '../case/evidenceLabels';

// The follow-up sections of a case summary: what is being done, reported, reviewed and kept.
const optionLabels = new Map<string, string>(catalog.responseOptions.map((o) => [o.id, o.label]));
const disciplineLabels = Object.fromEntries(catalog.disciplines.map((d) => [d.id, d.label])) as Record<Discipline, string>;
const actionStatusLabels: Record<string, string> = { proposed: 'Proposed', legal_review: 'In legal review', approved: 'Approved', in_progress: 'In progress', done: 'Done', discontinued: 'Discontinued' };

export function Mitigation({ view }: { view: CaseView }) {
  if (view.actions.length === 0 && view.strategies.length === 0) return <None />;
  const groups: { id: string | null; title: string }[] = [...view.strategies.map((s) => ({ id: s.id, title: s.title })), { id: null, title: 'Actions outside a strategy' }];
  return (
    <>
      {groups.map((g) => {
        const actions = view.actions.filter((a) => a.strategyId === g.id);
        if (g.id === null && actions.length === 0) return null;
        return (
          <div key={g.id ?? 'none'} className="print-group">
            <h3>{g.title}</h3>
            {actions.length === 0 ? (
              <None />
            ) : (
              <PrintTable columns={[['Response', 'w-l'], ['Owner', 'w-m'], ['Status', 'w-m'], ['Due', 'w-s'], ['Legal sign-off', 'w-m'], ['Notes', '']]}>
                {actions.map((a) => (
                  <tr key={a.id}>
                    <td>{optionLabels.get(a.optionId) ?? a.optionId}</td>
                    <td>
                      {disciplineLabels[a.ownerDiscipline]}
                      {a.ownerPerson.trim() !== '' ? `: ${a.ownerPerson}` : ''}
                    </td>
                    <td>{actionStatusLabels[a.status] ?? a.status}</td>
                    <td className="mono">{formatDate(a.dueOn)}</td>
                    <td>{a.legalSignoffBy === null ? 'Not signed off' : `${a.legalSignoffBy}, ${formatDate(a.legalSignoffAt)}`}</td>
                    <td className="pre">{text(a.notes)}</td>
                  </tr>
                ))}
              </PrintTable>
            )}
          </div>
        );
      })}
    </>
  );
}

export function Reporting({ view }: { view: CaseView }) {
  return (
    <>
      <h3>Obligations</h3>
      {view.obligations.length === 0 ? (
        <None />
      ) : (
        <PrintTable columns={[['Recipient', 'w-m'], ['Timing', 'w-m'], ['Basis', ''], ['Citation', 'w-l']]}>
          {view.obligations.map((o) => (
            <tr key={o.recipient}>
              <td>{recipientLabels[o.recipient]}</td>
              <td>{o.timing.replaceAll('_', ' ')}</td>
              <td>{o.basis}</td>
              <td>{o.citation}</td>
            </tr>
          ))}
        </PrintTable>
      )}
      <h3>Records of reporting</h3>
      {view.reportingRecords.length === 0 ? (
        <None />
      ) : (
        <PrintTable columns={[['Recipient', 'w-m'], ['Outcome', 'w-m'], ['Date', 'w-s'], ['Method · reference', 'w-l'], ['Reported by', 'w-m'], ['Justification', '']]}>
          {view.reportingRecords.map((r) => (
            <tr key={r.id}>
              <td>{recipientLabels[r.recipient]}</td>
              <td>{r.outcome === 'reported' ? 'Reported' : 'Not required'}</td>
              <td className="mono">{formatDate(r.reportedOn)}</td>
              <td>{[r.method, r.reference].filter((x) => x.trim() !== '').join(' · ') || '—'}</td>
              <td>{text(r.reportedBy)}</td>
              <td className="pre">{text(r.justification)}</td>
            </tr>
          ))}
        </PrintTable>
      )}
    </>
  );
}

/** A reviewed action by the name of its response option (reviews key effectiveness by action id). */
function actionName(view: CaseView, key: string): string {
  const action = view.actions.find((a) => a.id === key);
  return optionLabels.get(action?.optionId ?? key) ?? (action === undefined ? 'An action no longer on the case' : action.optionId);
}

export function Reviews({ view }: { view: CaseView }) {
  if (view.reviews.length === 0) return <None />;
  return (
    <PrintTable columns={[['Held', 'w-s'], ['By', 'w-m'], ['What changed', ''], ['Effectiveness', 'w-l'], ['Next review', 'w-s']]}>
      {view.reviews.map((r) => (
        <tr key={r.id}>
          <td className="mono">{r.heldOn}</td>
          <td>{r.reviewedBy}</td>
          <td className="pre">
            {text(r.whatChanged)}
            {r.newIndicators.trim() !== '' ? `\nNew indicators: ${r.newIndicators}` : ''}
            {r.coordination.trim() !== '' ? `\nCoordination: ${r.coordination}` : ''}
          </td>
          <td className="pre">
            {Object.entries(r.effectiveness)
              .map(([k, v]) => `${actionName(view, k)}: ${effectivenessText(v)}`)
              .join('\n') || '—'}
          </td>
          <td className="mono">{formatDate(r.nextReview)}</td>
        </tr>
      ))}
    </PrintTable>
  );
}

export function Evidence({ view }: { view: CaseView }) {
  const names = new Map(view.evidence.map((e) => [e.id, e.name]));
  return (
    <>
      <h3>Evidence</h3>
      {view.evidence.length === 0 ? (
        <None />
      ) : (
        <PrintTable columns={[['Item', ''], ['Received', 'w-s'], ['Source', 'w-m'], ['Size', 'w-s'], ['SHA-256', 'w-hash']]}>
          {view.evidence.map((e) => (
            <tr key={e.id}>
              <td>
                {e.name} <span className="muted">({e.mediaType || 'unknown type'})</span>
              </td>
              <td className="mono">{e.receivedOn}</td>
              <td>{text(e.source)}</td>
              <td>{e.size.toLocaleString('en-US')} bytes</td>
              <td className="mono hash">{e.sha256}</td>
            </tr>
          ))}
        </PrintTable>
      )}
      <h3>Chain of custody</h3>
      {view.custody.length === 0 ? (
        <None />
      ) : (
        <PrintTable columns={[['When (UTC)', 'w-ts'], ['Who', 'w-m'], ['Action', 'w-m'], ['Item', ''], ['Details', '']]}>
          {view.custody.map((e, index) => (
            <tr key={`${e.at}-${index}`}>
              <td className="mono">{e.at.slice(0, 16).replace('T', ' ')}</td>
              <td>{e.actor}</td>
              <td>{custodyActionLabel(e.action)}</td>
              <td>{e.evidenceId === null ? '—' : (names.get(e.evidenceId) ?? e.evidenceId)}</td>
              <td>{custodyDetailText(e)}</td>
            </tr>
          ))}
        </PrintTable>
      )}
    </>
  );
}

