import { Field } from '../../components/Field';
import { MIN_DECISION_REASON } from '../../../../shared/security/separation';

/** The reason a weighty records step asks for; `longEnough` lets the dialog drop its message as soon as the reason will do. */
export function ReasonField({ reason, error, hint, onChange }: { reason: string; error: string | undefined; hint: string; onChange: (text: string, longEnough: boolean) => void }) {
  return (
    <Field label="Reason" required error={error} hint={hint}>
      {(props) => <textarea {...props} rows={3} maxLength={2_000} value={reason} onChange={(e) => onChange(e.target.value, e.target.value.trim().length >= MIN_DECISION_REASON)} />}
    </Field>
  );
}
