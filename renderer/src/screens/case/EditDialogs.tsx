import { useState, type ReactNode } from 'react';
import type { ZodType } from 'zod';
import { contract } from '../../../../shared/contract';
import type { CaseView } from '../../../../shared/contract/cases';
import { programTypes } from '../../../../shared/domain/ids';
import { fieldLabel } from '../../../../shared/labels';
import { call, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ReportFields, type ReportDraft } from '../../components/ReportFields';
import { fieldErrors, futureDateErrors } from '../../forms';
import { programLabels } from '../../labels';
import { useCaseQuery } from '../../stores/currentCase';
import { Alert } from '../../components/Alert';

/** What a saved edit says, focused where the edit was started (FocusedStatus). */
export interface SavedEdit {
  text: string;
}

/** Only the fields whose value differs from what is on record. */
function differing<T extends object>(before: T, draft: T): Partial<T> {
  return Object.fromEntries(Object.entries(draft).filter(([k, v]) => (before as Record<string, unknown>)[k] !== v)) as Partial<T>;
}

const savedText = (changed: readonly string[]) =>
  `Saved: ${changed.map((f) => fieldLabel(f).toLowerCase()).join(', ')} changed. The previous ${changed.length === 1 ? 'value' : 'values'} and your reason are in the History tab.`;

type EditMethod = 'cases.edit' | 'subjects.edit' | 'reports.edit';

interface EditDialogProps<T extends object> {
  title: string;
  method: EditMethod;
  caseId: string;
  /** The values on record and the draft being edited. */
  before: T;
  draft: T;
  /** Extra input of the method besides the case, the changes and the reason (a report's id). */
  extra?: Record<string, string>;
  /** Date fields that cannot be in the future, with their words. */
  dates?: Record<string, string>;
  children: (errors: Record<string, string>) => ReactNode;
  onSaved: (saved: SavedEdit) => void;
  onClose: () => void;
}

/**
 * One edit with a reason: the fields, a required reason kept with the edit, the
 * contract's own checks before sending (each message beside its field), and the
 * refusal of the vault, if any, in the dialog (which then stays open, nothing saved).
 */
function EditDialog<T extends object>({ title, method, caseId, before, draft, extra = {}, dates = {}, children, onSaved, onClose }: EditDialogProps<T>) {
  const { refetch } = useCaseQuery();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const changes = differing(before, draft);
    if (Object.keys(changes).length === 0) {
      setErrors({});
      setFailure('Nothing to save: change a field first, or cancel.');
      return;
    }
    const input = { caseId, ...extra, changes, reason };
    const checked = (contract[method].input as ZodType).safeParse(input);
    const dateErrors = futureDateErrors(
      Object.fromEntries(Object.keys(dates).map((k) => [`changes.${k}`, (changes as Record<string, string>)[k] ?? ''])),
      Object.fromEntries(Object.entries(dates).map(([k, words]) => [`changes.${k}`, words])),
    );
    const next = { ...(checked.success ? {} : fieldErrors(checked.error)), ...dateErrors };
    setErrors(next);
    setFailure(null);
    if (Object.keys(next).length > 0 || !checked.success) return;
    setBusy(true);
    try {
      const result = await call(method, checked.data as never);
      await refetch();
      onSaved({ text: savedText(result.changed) });
    } catch (e) {
      setFailure(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" data-dialog-close onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void save()}>
            Save changes
          </button>
        </>
      }
    >
      <div className="stack">
        {children(errors)}
        <Field label="Reason for the change" required error={errors['reason']} hint="Kept with the previous values and shown in the case's history.">
          {(p) => <textarea {...p} rows={2} maxLength={1_000} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        {failure !== null ? (
          <Alert kind="error">
            {failure}
          </Alert>
        ) : null}
      </div>
    </Dialog>
  );
}

interface EditProps {
  view: CaseView;
  onSaved: (saved: SavedEdit) => void;
  onClose: () => void;
}

/** The case's title and program. */
export function CaseDetailsDialog({ view, onSaved, onClose }: EditProps) {
  const before = { title: view.case.title, program: view.case.program };
  const [draft, setDraft] = useState(before);
  return (
    <EditDialog title="Edit the case's title and program" method="cases.edit" caseId={view.case.id} before={before} draft={{ ...draft, title: draft.title.trim() }} onSaved={onSaved} onClose={onClose}>
      {(errors) => (
        <>
          <Field label="Title" required error={errors['changes.title']}>
            {(p) => <input {...p} type="text" maxLength={200} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />}
          </Field>
          <Field label="Program" required error={errors['changes.program']} hint="A new program recomputes the reporting obligations.">
            {(p) => (
              <select {...p} value={draft.program} onChange={(e) => setDraft({ ...draft, program: e.target.value as typeof draft.program })}>
                {programTypes.map((t) => (
                  <option key={t} value={t}>
                    {programLabels[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      )}
    </EditDialog>
  );
}

const subjectFields = ['employeeId', 'orgUnit', 'position', 'clearance', 'facilityAccess', 'systemAccess'] as const;

/** The subject's details; the name only as a correction typed in (it is not shown here). */
export function SubjectDialog({ view, onSaved, onClose }: EditProps) {
  const s = view.subject;
  const before = { realName: '', employeeId: s.employeeId, orgUnit: s.orgUnit, position: s.position, clearance: s.clearance, facilityAccess: s.facilityAccess, systemAccess: s.systemAccess };
  const [draft, setDraft] = useState(before);
  const trimmed = Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v.trim()])) as typeof draft;
  return (
    <EditDialog title="Edit the subject's details" method="subjects.edit" caseId={view.case.id} before={before} draft={trimmed} onSaved={onSaved} onClose={onClose}>
      {(errors) => (
        <>
          <Field label="Corrected full name" error={errors['changes.realName']} hint="Leave empty to keep the name on record. The name is never shown in the history.">
            {(p) => <input {...p} type="text" autoComplete="off" maxLength={200} value={draft.realName} onChange={(e) => setDraft({ ...draft, realName: e.target.value })} />}
          </Field>
          <div className="grid-2">
            {subjectFields.map((k) => (
              <Field key={k} label={fieldLabel(k)} error={errors[`changes.${k}`]}>
                {(p) => <input {...p} type="text" value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />}
              </Field>
            ))}
          </div>
        </>
      )}
    </EditDialog>
  );
}

/** One report of the case. */
export function ReportDialog({ view, reportId, onSaved, onClose }: EditProps & { reportId: string }) {
  const report = view.reports.find((r) => r.id === reportId);
  const before: ReportDraft | null =
    report === undefined ? null : { receivedOn: report.receivedOn, howReceived: report.howReceived, reporter: report.reporter, reporterConfidential: report.reporterConfidential, narrative: report.narrative };
  const [draft, setDraft] = useState<ReportDraft | null>(before);
  if (before === null || draft === null) return null;
  // A reporter hidden from this user is not offered for editing (an empty field would erase it).
  const editable = report?.reporterHidden === true ? { ...draft, reporter: before.reporter } : draft;
  return (
    <EditDialog
      title="Edit the report"
      method="reports.edit"
      caseId={view.case.id}
      extra={{ id: reportId }}
      before={before}
      draft={{ ...editable, reporter: editable.reporter.trim(), narrative: editable.narrative.trim() }}
      dates={{ receivedOn: 'The date received' }}
      onSaved={onSaved}
      onClose={onClose}
    >
      {(errors) => <ReportFields value={draft} onChange={setDraft} errors={errors} prefix="changes." />}
    </EditDialog>
  );
}
