import type { CaseHistoryEntry } from '../../../../shared/contract/caseEdits';
import type { CaseView } from '../../../../shared/contract/cases';
import { call } from '../../api/client';
import { loaded, LoadStatus, useLoad } from '../../useLoad';

const when = (at: string) => at.slice(0, 16).replace('T', ' ');
const shown = (value: string | null) => (value === null ? <span className="muted">not shown</span> : value === '' ? <span className="muted">empty</span> : value);

/** The fields of one edit: what each was and what it became. */
export function ChangeTable({ changes, caption }: { changes: CaseHistoryEntry['changes']; caption: string }) {
  return (
    <table className="data" aria-label={caption}>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field}>
            <th scope="row">{c.label}</th>
            <td className="narrative">{shown(c.before)}</td>
            <td className="narrative">{shown(c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What changed on the case after intake: by whom, when, why, and each field before and after. */
export function HistoryTab({ view }: { view: CaseView }) {
  const history = useLoad(() => call('cases.history', { caseId: view.case.id }), [view]);
  if (!loaded(history)) return <LoadStatus of={history} />;
  const entries = history.data.entries;
  return (
    <section className="card stack" aria-labelledby="history-title">
      <h2 id="history-title">Edit history</h2>
      <p className="muted">
        Corrections to the case, its subject and its reports, each with its reason, and earlier versions of indicators, newest first. The subject's name is never shown here.
      </p>
      {entries.length === 0 ? <p className="muted">Nothing has been edited since intake.</p> : null}
      <ol className="stack history-list" aria-label="Edits, newest first">
        {entries.map((e) => (
          <li key={e.id} className="card stack">
            <h3>{e.what}</h3>
            <p className="cite">
              {when(e.at)} · {e.by}
            </p>
            <p>{e.reason === null ? <span className="muted">Indicator change (no reason is asked for indicator versions).</span> : <>Reason: {e.reason}</>}</p>
            <ChangeTable changes={e.changes} caption={`${e.what}: changes`} />
          </li>
        ))}
      </ol>
    </section>
  );
}
