import { useState, type ReactNode } from 'react';
import { MIN_DECISION_REASON } from '../../../shared/security/separation';
import { errorMessage } from '../api/client';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { Alert } from './Alert';

interface ConfirmReasonDialogProps {
  title: string;
  /** What will happen, in words. */
  children?: ReactNode;
  reasonLabel?: string;
  reasonHint?: string;
  confirmLabel: string;
  /** Extra fields (a choice the step needs), shown above the reason. */
  extra?: ReactNode;
  /** Runs the step with the reason; a thrown error is shown in the dialog, which stays open. */
  onConfirm: (reason: string) => Promise<void>;
  onCancel: () => void;
}

/**
 * The one confirmation for weighty steps (discontinue, close, reopen…): says what
 * will happen, asks for a reason that is kept with the event, traps focus while
 * open and gives it back on close (Dialog).
 */
export function ConfirmReasonDialog({ title, children, reasonLabel = 'Reason', reasonHint, confirmLabel, extra, onConfirm, onCancel }: ConfirmReasonDialogProps) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (reason.trim().length < MIN_DECISION_REASON) {
      setReasonError(`${reasonLabel}: write at least ${MIN_DECISION_REASON} characters saying why.`);
      return;
    }
    setReasonError(undefined);
    setBusy(true);
    try {
      await onConfirm(reason.trim());
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="btn" onClick={onCancel} data-dialog-close>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void confirm()}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <div className="stack">
        {children}
        {extra}
        <Field label={reasonLabel} required error={reasonError} hint={reasonHint ?? 'Kept with the case and shown in its history.'}>
          {(p) => <textarea {...p} rows={3} maxLength={2_000} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        {error !== null ? (
          <Alert kind="error">
            {error}
          </Alert>
        ) : null}
      </div>
    </Dialog>
  );
}
