import { useEffect, useState, type FormEvent } from 'react';
import { programTypes } from '../../../../shared/domain/ids';
import { caseStatuses, type CaseStatus } from '../../../../shared/model/caseRecord';
import { retentionRulesSchema, type MeasuredFrom, type RetentionProgram, type StoredRetentionRule } from '../../../../shared/model/retention';
import { call, errorMessage } from '../../api/client';
import { FocusedStatus } from '../../components/FocusedStatus';
import { formatDate, programLabels, statusLabels } from '../../labels';
import { programLabel, type Message, measuredFromLabels } from './format';

interface DraftRule {
  status: CaseStatus;
  program: RetentionProgram;
  years: string;
  measuredFrom: MeasuredFrom;
  authority: string;
}

const toDraft = (r: StoredRetentionRule): DraftRule => ({ status: r.status, program: r.program, years: String(r.years), measuredFrom: r.measuredFrom, authority: r.authority });

export function RulesCard({ isManager, onSaved }: { isManager: boolean; onSaved: () => void }) {
  const [rules, setRules] = useState<StoredRetentionRule[] | null>(null);
  const [draft, setDraft] = useState<DraftRule[]>([]);
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [message, setMessage] = useState<Message | null>(null);

  useEffect(() => {
    call('retention.rules', {}).then(
      (r) => {
        setRules(r.rules);
        setDraft(r.rules.map(toDraft));
      },
      (e: unknown) => setMessage({ kind: 'error', text: errorMessage(e) }),
    );
  }, []);

  const patch = (index: number, change: Partial<DraftRule>) => setDraft(draft.map((r, i) => (i === index ? { ...r, ...change } : r)));
  const add = () => setDraft([...draft, { status: 'closed', program: 'any', years: '5', measuredFrom: 'closure', authority: '' }]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = retentionRulesSchema.safeParse(draft.map((r) => ({ ...r, years: Number(r.years) })));
    if (!parsed.success) {
      const next: Record<number, string> = {};
      for (const issue of parsed.error.issues) {
        const index = Number(issue.path[0]);
        next[index] ??= `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`;
      }
      setErrors(next);
      setMessage({ kind: 'error', text: 'The rules were not saved: correct the rules marked below.' });
      return;
    }
    setErrors({});
    try {
      const saved = await call('retention.setRules', { rules: parsed.data });
      setRules(saved.rules);
      setDraft(saved.rules.map(toDraft));
      setMessage({ kind: 'ok', text: `Retention rules saved (${saved.rules.length}). The change is recorded in the audit log.` });
      onSaved();
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    }
  };

  const head = (
    <>
      <h2 id="rules-title">Retention rules</h2>
      <p className="hint">How long cases are kept, per case status and program, from the program’s records schedule. A case with no rule is kept indefinitely.</p>
      {message !== null ? (
        <FocusedStatus kind={message.kind} token={message} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </FocusedStatus>
      ) : null}
    </>
  );

  if (rules === null) {
    return (
      <section className="card stack" aria-labelledby="rules-title">
        {head}
        <p className="muted">Loading…</p>
      </section>
    );
  }

  if (!isManager) {
    return (
      <section className="card stack" aria-labelledby="rules-title">
        {head}
        {rules.length === 0 ? (
          <p className="muted">No retention rules: every case is kept indefinitely.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Case status</th>
                <th scope="col">Program</th>
                <th scope="col">Kept</th>
                <th scope="col">Measured from</th>
                <th scope="col">Authority</th>
                <th scope="col">Set by</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <tr key={`${r.status}/${r.program}`}>
                  <td>{statusLabels[r.status]}</td>
                  <td>{programLabel(r.program)}</td>
                  <td>
                    {r.years} year{r.years === 1 ? '' : 's'}
                  </td>
                  <td>{measuredFromLabels[r.measuredFrom]}</td>
                  <td>{r.authority}</td>
                  <td>
                    {r.updatedBy}, {formatDate(r.updatedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="muted">Only a program manager changes the retention rules.</p>
      </section>
    );
  }

  return (
    <form className="card stack" aria-labelledby="rules-title" onSubmit={(e) => void save(e)} noValidate>
      {head}
      {draft.length === 0 ? <p className="muted">No retention rules: every case is kept indefinitely. Add a rule for each status and program your schedule covers.</p> : null}
      {draft.length > 0 ? (
        <table className="data records-rules">
          <thead>
            <tr>
              <th scope="col">Case status</th>
              <th scope="col">Program</th>
              <th scope="col">Years kept</th>
              <th scope="col">Measured from</th>
              <th scope="col">Records schedule or authority</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.map((r, i) => {
              const n = i + 1;
              const error = errors[i];
              return (
                <tr key={i} className={error === undefined ? undefined : 'records-rule-invalid'}>
                  <td>
                    <select aria-label={`Case status, rule ${n}`} value={r.status} onChange={(e) => patch(i, { status: e.target.value as CaseStatus })}>
                      {caseStatuses.map((s) => (
                        <option key={s} value={s}>
                          {statusLabels[s]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select aria-label={`Program, rule ${n}`} value={r.program} onChange={(e) => patch(i, { program: e.target.value as RetentionProgram })}>
                      <option value="any">Any program</option>
                      {programTypes.map((p) => (
                        <option key={p} value={p}>
                          {programLabels[p]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input aria-label={`Years kept, rule ${n}`} className="records-years" type="number" min={1} max={100} value={r.years} onChange={(e) => patch(i, { years: e.target.value })} />
                  </td>
                  <td>
                    <select aria-label={`Measured from, rule ${n}`} value={r.measuredFrom} onChange={(e) => patch(i, { measuredFrom: e.target.value as MeasuredFrom })}>
                      <option value="closure">Closure</option>
                      <option value="last_activity">Last activity</option>
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`Authority, rule ${n}`}
                      type="text"
                      value={r.authority}
                      placeholder="e.g. GRS 5.6 item 230"
                      onChange={(e) => patch(i, { authority: e.target.value })}
                      aria-invalid={error !== undefined}
                    />
                    {error !== undefined ? (
                      <div className="error" role="alert">
                        Rule {n}: {error}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <button type="button" className="btn" onClick={() => setDraft(draft.filter((_, j) => j !== i))} aria-label={`Remove rule ${n}`}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {rules.length > 0 ? (
        <p className="hint">
          Last saved by {rules[0]?.updatedBy} on {formatDate(rules[0]?.updatedAt ?? null)}. Saving replaces the whole set of rules and is recorded in the audit log.
        </p>
      ) : null}
      <div className="row">
        <button type="button" className="btn" onClick={add}>
          Add rule
        </button>
        <button type="submit" className="btn btn-primary">
          Save rules
        </button>
      </div>
    </form>
  );
}
