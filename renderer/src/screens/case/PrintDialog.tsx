import { useState } from 'react';
import { coverSheetPacketSchema, printSections, type PrintSection } from '../../../../shared/contract/printing';
import { call, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import type { Route } from '../../stores/navigation';
import { usePrint, type PageSize, type PrintMode } from '../../stores/print';
import { useSession } from '../../stores/session';
import { printSectionLabels } from '../print/sections';

function PaperChoice({ value, onChange }: { value: PageSize; onChange: (p: PageSize) => void }) {
  return (
    <fieldset className="fieldset">
      <legend>Paper</legend>
      <div className="row">
        {(['Letter', 'A4'] as const).map((p) => (
          <label key={p} className="check">
            <input type="radio" name="paper" value={p} checked={value === p} onChange={() => onChange(p)} /> {p === 'Letter' ? 'US Letter' : 'A4'}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Actions({ onCancel, onRun, busy }: { onCancel: () => void; onRun: (mode: PrintMode) => void; busy: boolean }) {
  return (
    <>
      <button type="button" className="btn" data-dialog-close onClick={onCancel}>
        Cancel
      </button>
      <button type="button" className="btn" disabled={busy} onClick={() => onRun('pdf')}>
        Save as PDF…
      </button>
      <button type="button" className="btn btn-primary" disabled={busy} onClick={() => onRun('print')}>
        Print…
      </button>
    </>
  );
}

/**
 * Chooses what goes on paper (minimization: only the sections needed), the paper
 * size, and whether the subject's real name is printed — which is a reveal, with a
 * reason, recorded in the audit log.
 */
export function PrintDialog({ caseId, returnTo, onClose }: { caseId: string; returnTo: Route; onClose: () => void }) {
  const start = usePrint((s) => s.start);
  const [sections, setSections] = useState<PrintSection[]>([...printSections]);
  const [pageSize, setPageSize] = useState<PageSize>('Letter');
  const [reveal, setReveal] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ sections?: string; reason?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (s: PrintSection, on: boolean) => setSections((list) => (on ? printSections.filter((x) => x === s || list.includes(x)) : list.filter((x) => x !== s)));

  const run = async (mode: PrintMode) => {
    const next = {
      ...(sections.length === 0 ? { sections: 'Choose at least one section.' } : {}),
      ...(reveal && reason.trim().length < 10 ? { reason: 'Give a reason of at least 10 characters.' } : {}),
    };
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const realName = reveal ? (await call('cases.reveal', { caseId, reason: reason.trim() })).realName : null;
      start({ kind: 'case', caseId, sections, pageSize, mode, realName, returnTo });
    } catch (error) {
      setFailure(errorMessage(error));
      setBusy(false);
    }
  };

  return (
    <Dialog title="Print the case summary" onClose={onClose} actions={<Actions onCancel={onClose} onRun={(m) => void run(m)} busy={busy} />}>
      <div className="stack">
        {failure !== null ? (
          <div className="alert alert-error" role="alert">
            {failure}
          </div>
        ) : null}
        <fieldset className="fieldset" aria-describedby={errors.sections === undefined ? undefined : 'print-sections-error'}>
          <legend>Sections to print</legend>
          <p className="hint">Print only what the reader needs. Every page carries the markings set by the program manager.</p>
          {printSections.map((s) => (
            <label key={s} className="check">
              <input type="checkbox" checked={sections.includes(s)} onChange={(e) => toggle(s, e.target.checked)} /> {printSectionLabels[s]}
            </label>
          ))}
          {errors.sections !== undefined ? (
            <div className="error" id="print-sections-error" role="alert">
              {errors.sections}
            </div>
          ) : null}
        </fieldset>
        <PaperChoice value={pageSize} onChange={setPageSize} />
        <label className="check">
          <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} /> Print the subject&apos;s real name (otherwise the pseudonymous id)
        </label>
        {reveal ? (
          <Field label="Reason for printing the name" required error={errors.reason} hint="Recorded in the audit log with your name.">
            {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        ) : null}
      </div>
    </Dialog>
  );
}

const nowLocalMinute = () => {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** The one-page cover sheet of a referral packet, from the packet's id and manifest hash. */
export function CoverSheetDialog({ caseNumber, returnTo, onClose }: { caseNumber: string; returnTo: Route; onClose: () => void }) {
  const start = usePrint((s) => s.start);
  const user = useSession((s) => s.status?.user?.name ?? '');
  const [recipient, setRecipient] = useState('');
  const [packetId, setPacketId] = useState('');
  const [manifest, setManifest] = useState('');
  const [createdAt, setCreatedAt] = useState(nowLocalMinute);
  const [pageSize, setPageSize] = useState<PageSize>('Letter');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const run = (mode: PrintMode) => {
    const created = new Date(createdAt);
    const parsed = coverSheetPacketSchema.safeParse({
      caseNumber,
      recipient,
      packetId,
      manifestSha256: manifest.trim().toLowerCase().replace(/[\s:-]/g, ''),
      createdAt: Number.isNaN(created.getTime()) ? '' : created.toISOString(),
      createdBy: user,
    });
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        next[key] ??= key === 'createdAt' ? 'Enter when the packet was created.' : `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`;
      }
      setErrors(next);
      return;
    }
    start({ kind: 'cover', packet: parsed.data, pageSize, mode, returnTo });
  };

  return (
    <Dialog title="Print a referral cover sheet" onClose={onClose} actions={<Actions onCancel={onClose} onRun={run} busy={false} />}>
      <div className="stack">
        <p className="hint">
          For the packet of case <span className="mono">{caseNumber}</span>: the path and hashes are printed by <span className="mono">offramp packet export</span>.
        </p>
        <Field label="Recipient" required error={errors['recipient']}>
          {(p) => <input {...p} type="text" value={recipient} onChange={(e) => setRecipient(e.target.value)} />}
        </Field>
        <Field label="Packet id" required error={errors['packetId']}>
          {(p) => <input {...p} type="text" value={packetId} onChange={(e) => setPacketId(e.target.value)} />}
        </Field>
        <Field label="Manifest SHA-256" required error={errors['manifestSha256']}>
          {(p) => <input {...p} type="text" className="mono" value={manifest} onChange={(e) => setManifest(e.target.value)} />}
        </Field>
        <Field label="Packet created" required error={errors['createdAt']}>
          {(p) => <input {...p} type="datetime-local" value={createdAt} onChange={(e) => setCreatedAt(e.target.value)} />}
        </Field>
        <PaperChoice value={pageSize} onChange={setPageSize} />
      </div>
    </Dialog>
  );
}
