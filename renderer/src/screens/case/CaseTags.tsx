import { useEffect, useId, useRef, useState } from 'react';
import { call, errorMessage } from '../../api/client';

/** The tags on a case: shown in its header, added and removed in place (each change audited). */
export function CaseTags({ caseId, closed }: { caseId: string; closed: boolean }) {
  const [tags, setTags] = useState<string[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const inputId = useId();
  const errorId = useId();
  const addRef = useRef<HTMLButtonElement>(null);
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (adding || !refocus) return;
    addRef.current?.focus();
    setRefocus(false);
  }, [adding, refocus]);

  useEffect(() => {
    let live = true;
    void call('cases.tagsOf', { caseId })
      .then((r) => live && setTags(r.tags))
      .catch(() => live && setTags([]));
    return () => {
      live = false;
    };
  }, [caseId]);

  const add = async () => {
    try {
      const r = await call('cases.addTag', { caseId, tag: text });
      setTags(r.tags);
      setNotice(`Added the tag “${text.trim()}”.`);
      setText('');
      setProblem(null);
      setAdding(false);
      setRefocus(true);
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  const remove = async (tag: string) => {
    try {
      const r = await call('cases.removeTag', { caseId, tag });
      setTags(r.tags);
      setNotice(`Removed the tag “${tag}”.`);
      addRef.current?.focus();
    } catch (e) {
      setNotice(errorMessage(e));
    }
  };

  return (
    <div className="case-tags" aria-label="Tags">
      <span className="muted">Tags:</span>
      {tags === null ? null : tags.length === 0 ? <span className="muted">none</span> : null}
      {(tags ?? []).map((t) => (
        <span key={t} className="tag-chip">
          {t}
          <button type="button" className="tag-remove" aria-label={`Remove the tag ${t}`} onClick={() => void remove(t)}>
            ×
          </button>
        </span>
      ))}
      {adding ? (
        <span className="tag-add">
          <label htmlFor={inputId} className="visually-hidden">
            New tag
          </label>
          <input
            id={inputId}
            autoFocus
            value={text}
            maxLength={40}
            placeholder="New tag"
            aria-invalid={problem !== null}
            aria-describedby={problem !== null ? errorId : undefined}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              }
              if (e.key === 'Escape') {
                setAdding(false);
                setProblem(null);
                setRefocus(true);
              }
            }}
          />
          <button type="button" className="btn" onClick={() => void add()}>
            Add tag
          </button>
          {problem !== null ? (
            <span id={errorId} className="error" role="alert">
              {problem}
            </span>
          ) : null}
        </span>
      ) : (
        <button type="button" ref={addRef} className="btn-link" onClick={() => setAdding(true)} title={closed ? 'Tags can be added to closed cases too' : undefined}>
          Add a tag
        </button>
      )}
      <span className="visually-hidden" role="status">
        {notice}
      </span>
    </div>
  );
}
