import { useEffect, useId, useRef, useState } from 'react';
import type { MatchSnippet } from '../../../shared/contract/cases';
import type { SavedView, SavedViewFilters } from '../../../shared/contract/caseTags';
import { call, errorMessage } from '../api/client';
import { Dialog } from '../components/Dialog';

/** What kind of item a search matched, in words. */
export const snippetKindLabels: Record<string, string> = {
  case: 'Title',
  report: 'Report',
  indicator: 'Indicator',
  analysis: 'Analysis',
  assessment: 'Assessment',
  action: 'Action notes',
  review: 'Review',
  evidence: 'Evidence',
};

/** A match snippet with the matched words marked. */
export function MatchSnippetText({ parts }: { parts: MatchSnippet['parts'] }) {
  return (
    <>
      {parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

/** The user's saved views of the case list: pick one, save the current filters, delete one. */
export function SavedViews({ current, onApply }: { current: SavedViewFilters; onApply: (view: SavedView) => void }) {
  const [views, setViews] = useState<SavedView[]>([]);
  const [chosen, setChosen] = useState('');
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const selectId = useId();
  const nameId = useId();
  const errorId = useId();
  const selectRef = useRef<HTMLSelectElement>(null);
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (saving || !refocus) return;
    selectRef.current?.focus();
    setRefocus(false);
  }, [saving, refocus]);

  const reload = () =>
    call('views.list', {})
      .then((r) => setViews(r.views))
      .catch((e: unknown) => setNotice(errorMessage(e)));
  useEffect(() => {
    void reload();
  }, []);

  const save = async () => {
    try {
      const view = await call('views.save', { name, filters: current });
      setSaving(false);
      setProblem(null);
      setName('');
      await reload();
      setChosen(view.id);
      setNotice(`Saved the view “${view.name}”.`);
      setRefocus(true);
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };

  const remove = async () => {
    const view = views.find((v) => v.id === chosen);
    if (view === undefined) return;
    try {
      await call('views.delete', { id: view.id });
      setChosen('');
      await reload();
      setNotice(`Deleted the view “${view.name}”.`);
      selectRef.current?.focus();
    } catch (e) {
      setNotice(errorMessage(e));
    }
  };

  return (
    <div className="saved-views">
      <div className="field">
        <label htmlFor={selectId}>Saved view</label>
        <select
          id={selectId}
          ref={selectRef}
          value={chosen}
          onChange={(e) => {
            setChosen(e.target.value);
            const view = views.find((v) => v.id === e.target.value);
            if (view !== undefined) onApply(view);
          }}
        >
          <option value="">{views.length === 0 ? 'No saved views' : 'Choose a view…'}</option>
          {views.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="btn" onClick={() => setSaving(true)}>
        Save view…
      </button>
      {chosen !== '' ? (
        <button type="button" className="btn" onClick={() => void remove()}>
          Delete view
        </button>
      ) : null}
      <span className="visually-hidden" role="status">
        {notice ?? ''}
      </span>
      {saving ? (
        <Dialog
          title="Save this view"
          onClose={() => {
            setSaving(false);
            setProblem(null);
          }}
          actions={
            <>
              <button type="button" className="btn" data-dialog-close onClick={() => setSaving(false)}>
                Cancel
              </button>
              <button type="button" className="btn btn-primary" onClick={() => void save()}>
                Save view
              </button>
            </>
          }
        >
          <p className="muted">The current search, filters and sort are kept under this name, for you only.</p>
          <div className="field">
            <label htmlFor={nameId}>View name</label>
            <input
              id={nameId}
              value={name}
              maxLength={60}
              aria-invalid={problem !== null}
              aria-describedby={problem !== null ? errorId : undefined}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void save();
                }
              }}
            />
            {problem !== null ? (
              <p id={errorId} className="error" role="alert">
                {problem}
              </p>
            ) : null}
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
