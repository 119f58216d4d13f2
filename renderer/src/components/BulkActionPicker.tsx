import { useState } from 'react';
import { errorMessage } from '../api/client';

export interface BulkItem {
  caseId: string;
  actionId: string;
  label: string;
  /** Why this item cannot be picked (shown instead of a checkbox), or null. */
  blockedBy?: string | null;
}

interface BulkActionPickerProps {
  legend: string;
  items: BulkItem[];
  buttonLabel: string;
  /** Runs the step on the selected items; resolves to the result message. */
  onRun: (items: { caseId: string; actionId: string }[]) => Promise<string>;
}

/** Several actions chosen with checkboxes, then one step for all of them (each still recorded on its own by the backend). */
export function BulkActionPicker({ legend, items, buttonLabel, onRun }: BulkActionPickerProps) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const key = (i: { caseId: string; actionId: string }) => `${i.caseId}/${i.actionId}`;
  const pickable = items.filter((i) => i.blockedBy === undefined || i.blockedBy === null);
  const toggle = (k: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });
  const run = async () => {
    const chosen = pickable.filter((i) => selected.has(key(i)));
    if (chosen.length === 0) {
      setMessage({ kind: 'error', text: 'Select at least one action.' });
      return;
    }
    try {
      const text = await onRun(chosen.map((i) => ({ caseId: i.caseId, actionId: i.actionId })));
      setSelected(new Set());
      setMessage({ kind: 'ok', text });
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    }
  };
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      {pickable.length > 1 ? (
        <label className="check">
          <input type="checkbox" checked={pickable.every((i) => selected.has(key(i)))} onChange={(e) => setSelected(e.target.checked ? new Set(pickable.map(key)) : new Set())} /> Select all ({pickable.length})
        </label>
      ) : null}
      {items.map((i) =>
        i.blockedBy !== undefined && i.blockedBy !== null ? (
          <p key={key(i)} className="muted">
            {i.label} — {i.blockedBy}
          </p>
        ) : (
          <label key={key(i)} className="check">
            <input type="checkbox" checked={selected.has(key(i))} onChange={() => toggle(key(i))} /> {i.label}
          </label>
        ),
      )}
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={() => void run()}>
          {buttonLabel}
        </button>
        {message !== null ? (
          <span className={message.kind === 'ok' ? 'ok-text' : 'error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
            {message.text}
          </span>
        ) : null}
      </div>
    </fieldset>
  );
}
