import { useState } from 'react';
import type { SubjectMatch } from '../../../shared/contract/team';
import { call, errorMessage } from '../api/client';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { statusLabels } from '../labels';
import { useNavigation } from '../stores/navigation';

/**
 * "Find subject…": the one place a real name or employee id finds a case. Exact
 * matches only (the words of the name in any order, or the employee id), among
 * the cases the user may see. Every lookup is recorded: who looked, not what.
 */
export function FindSubjectDialog({ onClose }: { onClose: () => void }) {
  const go = useNavigation((s) => s.go);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [matches, setMatches] = useState<SubjectMatch[] | null>(null);

  const find = async () => {
    if (text.trim().length < 2) {
      setError('Name or employee id: type at least two characters.');
      return;
    }
    setError(undefined);
    try {
      setMatches((await call('subjects.find', { text })).matches);
    } catch (e) {
      setMatches(null);
      setError(errorMessage(e));
    }
  };

  return (
    <Dialog
      title="Find subject"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" data-dialog-close onClick={onClose}>
            Close
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void find()}>
            Find
          </button>
        </>
      }
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <Field label="Real name or employee id" required error={error} hint="The full name or the whole employee id: there is no partial matching. The lookup is recorded in the audit log (not what you typed).">
          {(p) => <input {...p} type="text" autoComplete="off" maxLength={200} value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
      </form>
      {matches === null ? null : matches.length === 0 ? (
        <p role="status">No case you may see concerns that person.</p>
      ) : (
        <ul className="plain-list" aria-label="Cases found">
          {matches.map((m) => (
            <li key={m.caseId}>
              <button
                type="button"
                className="btn-link"
                onClick={() => {
                  onClose();
                  go({ name: 'case', caseId: m.caseId, tab: 'overview' });
                }}
              >
                <span className="mono">{m.number}</span> · {m.title}
              </button>{' '}
              <span className="muted">
                subject <span className="mono">{m.subjectDisplayId}</span>, {statusLabels[m.status].toLowerCase()}, matched on {m.matchedOn === 'name' ? 'the name' : 'the employee id'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
