import { useEffect, useState } from 'react';
import type { CaseView } from '../../../../shared/contract/cases';
import { call, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FocusedStatus } from '../../components/FocusedStatus';
import { formatDate } from '../../labels';
import { useCaseQuery } from '../../stores/currentCase';
import { useSession } from '../../stores/session';

interface Hold {
  legalHold: boolean;
  reference: string;
  placedBy: string | null;
  placedAt: string | null;
}

/** Legal hold: while it is on, the case cannot be disposed of, whatever its retention. Placed or cleared by a program manager or legal; audited. */
export function LegalHoldCard({ view }: { view: CaseView }) {
  const role = useSession((s) => s.status?.user?.role);
  const { refetch } = useCaseQuery();
  const canChange = role === 'program_manager' || role === 'legal';
  const [hold, setHold] = useState<Hold | null>(null);
  const [reference, setReference] = useState('');
  const [referenceError, setReferenceError] = useState<string | undefined>(undefined);
  const [clearing, setClearing] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const caseId = view.case.id;

  useEffect(() => {
    call('cases.legalHold', { caseId }).then(setHold, (e: unknown) => setMessage({ kind: 'error', text: errorMessage(e) }));
  }, [caseId]);

  const change = async (on: boolean) => {
    if (on && reference.trim().length < 3) {
      setReferenceError('Reference: name the matter, litigation or request that requires the hold (at least 3 characters).');
      return;
    }
    setReferenceError(undefined);
    setClearing(false);
    try {
      const next = await call('cases.setLegalHold', { caseId, hold: on, reference: on ? reference.trim() : '' });
      setHold(next);
      setReference('');
      setMessage({ kind: 'ok', text: on ? 'Legal hold placed: this case cannot be disposed of until the hold is cleared. Recorded in the audit log.' : 'Legal hold cleared. Recorded in the audit log.' });
      await refetch();
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    }
  };

  return (
    <section className="card stack" aria-labelledby="hold-title">
      <div className="records-card-head">
        <h2 id="hold-title">Legal hold</h2>
        {hold !== null ? <span className={`badge ${hold.legalHold ? 'badge-critical' : ''}`}>{hold.legalHold ? 'On legal hold' : 'No hold'}</span> : null}
      </div>
      {message !== null ? (
        <FocusedStatus kind={message.kind} token={message} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </FocusedStatus>
      ) : null}
      {hold === null ? null : hold.legalHold ? (
        <dl className="kv">
          <dt>Reference</dt>
          <dd>{hold.reference === '' ? '—' : hold.reference}</dd>
          <dt>Placed by</dt>
          <dd>
            {hold.placedBy ?? '—'}, {formatDate(hold.placedAt)}
          </dd>
        </dl>
      ) : (
        <p className="muted">While a hold is on, the case is kept whatever its retention rule says.</p>
      )}
      {hold === null || !canChange ? (
        <p className="muted">A program manager or legal places and clears legal holds.</p>
      ) : hold.legalHold ? (
        <div className="row">
          <button type="button" className="btn" onClick={() => setClearing(true)}>
            Clear legal hold…
          </button>
        </div>
      ) : (
        <div className="row records-inline-form">
          <Field label="Hold reference" required error={referenceError} hint="The matter, litigation or records request, e.g. “Matter 2026-114”.">
            {(p) => <input {...p} type="text" maxLength={200} value={reference} onChange={(e) => setReference(e.target.value)} />}
          </Field>
          <button type="button" className="btn" onClick={() => void change(true)}>
            Place legal hold
          </button>
        </div>
      )}
      {clearing ? (
        <Dialog
          title="Clear the legal hold?"
          onClose={() => setClearing(false)}
          actions={
            <>
              <button type="button" className="btn" data-dialog-close onClick={() => setClearing(false)}>
                Cancel
              </button>
              <button type="button" className="btn btn-primary" onClick={() => void change(false)}>
                Clear hold
              </button>
            </>
          }
        >
          <p>Once the hold is cleared, the case can be disposed of when its retention period has run out.</p>
        </Dialog>
      ) : null}
    </section>
  );
}
