import { useCallback, useEffect, useState } from 'react';
import type { MethodInput, MethodOutput } from '../../../shared/contract';
import { obligationTimings, programTypes, recipients, type FactId, type ObligationTiming, type ProgramType, type Recipient } from '../../../shared/domain/ids';
import { PROGRAM_RULE_ID_PREFIX, programRuleSchema } from '../../../shared/domain/programRules/schema';
import type { ReportingRule } from '../../../shared/domain/reporting/rule';
import type { Condition } from '../../../shared/domain/rules/condition';
import { call, errorMessage } from '../api/client';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { FocusedStatus } from '../components/FocusedStatus';
import { fieldErrors } from '../forms';
import { factLabels, programLabels, recipientLabels } from '../labels';
import { timingLabel } from '../planLabels';

type Loaded = MethodOutput<'programRules.get'>;

/** One rule as the form edits it: the condition as "any of these facts", or kept as written when it is more than that. */
interface Draft {
  key: number;
  name: string;
  programs: ProgramType[];
  recipient: Recipient;
  facts: FactId[];
  keptCondition: Condition | null;
  timing: ObligationTiming;
  basis: string;
  citation: string;
  channel: string;
  sources: ReportingRule['sources'];
}

let nextKey = 1;

function toDraft(rule: ReportingRule): Draft {
  const simple = rule.when.anyOf.every((clause) => clause.length === 1 && clause[0] !== undefined && 'fact' in clause[0]);
  return {
    key: nextKey++,
    name: rule.id.startsWith(PROGRAM_RULE_ID_PREFIX) ? rule.id.slice(PROGRAM_RULE_ID_PREFIX.length) : rule.id,
    programs: [...rule.programs],
    recipient: rule.recipient,
    facts: simple ? rule.when.anyOf.flatMap((clause) => clause.flatMap((t) => ('fact' in t ? [t.fact] : []))) : [],
    keptCondition: simple ? null : rule.when,
    timing: rule.timing,
    basis: rule.basis,
    citation: rule.citation,
    channel: rule.channel ?? '',
    sources: rule.sources,
  };
}

const blank = (): Draft => ({ key: nextKey++, name: '', programs: ['dod'], recipient: 'internal', facts: [], keptCondition: null, timing: 'promptly', basis: '', citation: '', channel: '', sources: [] });

function toRule(d: Draft): unknown {
  return {
    id: `${PROGRAM_RULE_ID_PREFIX}${d.name.trim()}`,
    programs: d.programs,
    recipient: d.recipient,
    when: d.keptCondition ?? { anyOf: d.facts.map((fact) => [{ fact }]) },
    basis: d.basis.trim(),
    citation: d.citation.trim(),
    timing: d.timing,
    ...(d.channel.trim() !== '' ? { channel: d.channel.trim() } : {}),
    sources: d.sources,
  };
}

/** Problems per rule, keyed by field: the schema's, in words for this form, plus names used twice. */
function problems(drafts: readonly Draft[]): Record<string, string>[] {
  const seen = new Map<string, number>();
  return drafts.map((d, index) => {
    const parsed = programRuleSchema.safeParse(toRule(d));
    const raw = parsed.success ? {} : fieldErrors(parsed.error);
    const out: Record<string, string> = {};
    for (const [path, message] of Object.entries(raw)) {
      const field = path.split('.')[0] ?? '';
      if (out[field] !== undefined) continue;
      if (field === 'id') out.id = message;
      else if (field === 'when') out.when = 'Choose at least one fact that makes the report due.';
      else if (field === 'programs') out.programs = 'Choose at least one program.';
      else if (field === 'basis') out.basis = 'Say why the report is due.';
      else if (field === 'citation') out.citation = 'Name the procedure or threshold that requires it.';
      else out[field] = message;
    }
    const name = d.name.trim();
    if (name === '') out.id = 'Give the rule a short name.';
    else if (!/^[a-z0-9_]+$/.test(name)) out.id = 'Use lower-case letters, digits and underscores only.';
    const first = seen.get(name);
    if (name !== '' && first !== undefined && out.id === undefined) out.id = `Rule ${first + 1} already has this name.`;
    if (name !== '' && first === undefined) seen.set(name, index);
    return out;
  });
}

const when = (iso: string) => iso.replace('T', ' ').slice(0, 16);

function RuleEditor({ draft, index, errors, onChange, onRemove }: { draft: Draft; index: number; errors: Record<string, string>; onChange: (d: Draft) => void; onRemove: () => void }) {
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const toggle = <T,>(list: readonly T[], value: T, on: boolean): T[] => (on ? [...list, value] : list.filter((x) => x !== value));
  return (
    <fieldset className="fieldset program-rule" aria-label={`Program rule ${index + 1}`}>
      <legend>
        Rule {index + 1}
        {draft.name.trim() !== '' ? `: ${draft.name.trim()}` : ''}
      </legend>
      <div className="grid-2">
        <Field label="Short name" required error={errors.id} hint={`Saved as ${PROGRAM_RULE_ID_PREFIX}${draft.name.trim() || '…'}; lower-case letters, digits and underscores.`}>
          {(p) => <input {...p} type="text" maxLength={80} value={draft.name} onChange={(e) => set({ name: e.target.value })} />}
        </Field>
        <Field label="Report to" required error={errors.recipient}>
          {(p) => (
            <select {...p} value={draft.recipient} onChange={(e) => set({ recipient: e.target.value as Recipient })}>
              {recipients.map((r) => (
                <option key={r} value={r}>
                  {recipientLabels[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="How soon" required error={errors.timing}>
          {(p) => (
            <select {...p} value={draft.timing} onChange={(e) => set({ timing: e.target.value as ObligationTiming })}>
              {obligationTimings.map((t) => (
                <option key={t} value={t}>
                  {timingLabel(t)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="fieldset" aria-describedby={errors.programs !== undefined ? `rule-${draft.key}-programs-error` : undefined}>
          <legend>Programs</legend>
          <div className="row">
            {programTypes.map((t) => (
              <label key={t} className="check">
                <input type="checkbox" checked={draft.programs.includes(t)} onChange={(e) => set({ programs: toggle(draft.programs, t, e.target.checked) })} /> {programLabels[t]}
              </label>
            ))}
          </div>
          {errors.programs !== undefined ? (
            <div className="error" id={`rule-${draft.key}-programs-error`} role="alert">
              {errors.programs}
            </div>
          ) : null}
        </fieldset>
      </div>
      {draft.keptCondition !== null ? (
        <p className="muted">This rule&apos;s condition was written in a rules file and combines several terms; it is kept as written.</p>
      ) : (
        <fieldset className="fieldset" aria-describedby={errors.when !== undefined ? `rule-${draft.key}-when-error` : undefined}>
          <legend>Due when any of these is determined</legend>
          <div className="fact-choices">
            {(Object.keys(factLabels) as FactId[]).map((f) => (
              <label key={f} className="check">
                <input type="checkbox" checked={draft.facts.includes(f)} onChange={(e) => set({ facts: toggle(draft.facts, f, e.target.checked) })} /> {factLabels[f]}
              </label>
            ))}
          </div>
          {errors.when !== undefined ? (
            <div className="error" id={`rule-${draft.key}-when-error`} role="alert">
              {errors.when}
            </div>
          ) : null}
        </fieldset>
      )}
      <Field label="Basis (why the report is due)" required error={errors.basis}>
        {(p) => <textarea {...p} rows={2} maxLength={2000} value={draft.basis} onChange={(e) => set({ basis: e.target.value })} />}
      </Field>
      <div className="grid-2">
        <Field label="Citation (the procedure or threshold)" required error={errors.citation}>
          {(p) => <input {...p} type="text" maxLength={300} value={draft.citation} onChange={(e) => set({ citation: e.target.value })} />}
        </Field>
        <Field label="Channel (optional)" error={errors.channel} hint="How to report, e.g. a hotline or system.">
          {(p) => <input {...p} type="text" maxLength={300} value={draft.channel} onChange={(e) => set({ channel: e.target.value })} />}
        </Field>
      </div>
      <div className="row">
        <button type="button" className="btn" onClick={onRemove}>
          Remove rule {index + 1}
        </button>
      </div>
    </fieldset>
  );
}

/**
 * The program's own reporting rules (program manager): the shipped rules,
 * read-only with their citations; the program's rules, edited as a form per
 * rule; their version history; Save (with a reason) and Export.
 */
export function ProgramRulesSettings() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [tried, setTried] = useState(false);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const load = useCallback(async () => {
    const got = await call('programRules.get', {});
    setLoaded(got);
    setDrafts((got.current?.document.rules ?? []).map(toDraft));
  }, []);
  useEffect(() => {
    load().catch((error: unknown) => setMessage({ kind: 'error', text: errorMessage(error) }));
  }, [load]);

  if (loaded === null) return <section className="card" aria-label="Program rules">{message?.text ?? 'Loading the program rules…'}</section>;

  const found = problems(drafts);
  const invalid = found.some((p) => Object.keys(p).length > 0);
  const current = loaded.current;

  const startSave = () => {
    setTried(true);
    setMessage(null);
    if (invalid) {
      setMessage({ kind: 'error', text: 'Some rules are not complete yet; see the messages beside the fields.' });
      return;
    }
    setReason('');
    setAsking(true);
  };
  const save = async () => {
    try {
      const saved = await call('programRules.save', { rules: drafts.map(toRule) as MethodInput<'programRules.save'>['rules'], reason });
      setAsking(false);
      setTried(false);
      await load();
      setMessage({ kind: 'ok', text: `Saved as version ${saved.version}. Cases use these rules from their next evaluation.` });
    } catch (error) {
      setAsking(false);
      setMessage({ kind: 'error', text: errorMessage(error) });
    }
  };
  const exportRules = async () => {
    setMessage(null);
    try {
      const out = await call('programRules.export', {});
      if (out.done) setMessage({ kind: 'ok', text: `Exported version ${out.version ?? ''} to ${out.path ?? ''}.` });
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    }
  };

  return (
    <section className="card stack" aria-labelledby="program-rules-title">
      <div>
        <h2 id="program-rules-title">Program rules</h2>
        <p className="muted">
          Your program&apos;s own reporting rules: newer thresholds, internal recipients and timings. They add to the shipped rules and can only add reports or make them sooner.
          {current !== null ? ` In force: version ${current.version}, saved by ${current.savedBy} on ${when(current.savedAt)}.` : ' None saved yet.'}
        </p>
      </div>
      {message !== null ? (
        <FocusedStatus kind={message.kind} token={message} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </FocusedStatus>
      ) : null}
      {drafts.length === 0 ? <p className="muted">The program has no rules of its own. The shipped rules below apply.</p> : null}
      {drafts.map((d, i) => (
        <RuleEditor
          key={d.key}
          draft={d}
          index={i}
          errors={tried ? (found[i] ?? {}) : {}}
          onChange={(next) => setDrafts(drafts.map((x) => (x.key === d.key ? next : x)))}
          onRemove={() => setDrafts(drafts.filter((x) => x.key !== d.key))}
        />
      ))}
      <div className="row">
        <button type="button" className="btn" onClick={() => setDrafts([...drafts, blank()])}>
          Add a rule
        </button>
        <span className="status-spacer" />
        <button type="button" className="btn" onClick={() => void exportRules()} disabled={current === null}>
          Export rules file…
        </button>
        <button type="button" className="btn btn-primary" onClick={startSave} disabled={!loaded.canEdit}>
          Save program rules…
        </button>
      </div>

      <h3>Version history</h3>
      {loaded.history.length === 0 ? (
        <p className="muted">No versions yet.</p>
      ) : (
        <table className="data" aria-label="Program rules versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Saved by</th>
              <th scope="col">When</th>
              <th scope="col">Why</th>
              <th scope="col">Rules</th>
            </tr>
          </thead>
          <tbody>
            {loaded.history.map((h) => (
              <tr key={h.version}>
                <td>{h.version}</td>
                <td>{h.savedBy}</td>
                <td>{when(h.savedAt)}</td>
                <td>{h.reason}</td>
                <td>{h.ruleCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <details>
        <summary>Shipped rules ({loaded.shipped.length}, read-only)</summary>
        <table className="data" aria-label="Shipped reporting rules">
          <thead>
            <tr>
              <th scope="col">Report to</th>
              <th scope="col">Programs</th>
              <th scope="col">How soon</th>
              <th scope="col">Basis</th>
              <th scope="col">Citation</th>
            </tr>
          </thead>
          <tbody>
            {loaded.shipped.map((r) => (
              <tr key={r.id}>
                <td>{recipientLabels[r.recipient]}</td>
                <td>{r.programs.map((p) => programLabels[p]).join(', ')}</td>
                <td>{timingLabel(r.timing)}</td>
                <td>{r.basis}</td>
                <td>{r.citation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>

      {asking ? (
        <Dialog
          title="Save the program rules"
          onClose={() => setAsking(false)}
          actions={
            <>
              <button type="button" className="btn" data-dialog-close onClick={() => setAsking(false)}>
                Cancel
              </button>
              <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={reason.trim().length < 5}>
                Save version {(current?.version ?? 0) + 1}
              </button>
            </>
          }
        >
          <p>The rules are saved as a new version; every case&apos;s next evaluation uses them. The reason is kept with the version and in the audit log.</p>
          <Field label="Reason for the change" required hint="At least 5 characters.">
            {(p) => <input {...p} type="text" maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        </Dialog>
      ) : null}
    </section>
  );
}
