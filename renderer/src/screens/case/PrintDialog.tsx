import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract';
import { coverSheetPacketSchema, printSections, type PrintSection } from '../../../../shared/contract/printing';
import { call, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import type { Route } from '../../stores/navigation';
import { usePrint, type PageSize, type PrintMode } from '../../stores/print';
import { useSession } from '../../stores/session';
import { packetProfile } from '../../../../shared/packets/profiles';
import type { WrittenPacket } from './ExportPacketDialog';
import { printSectionLabels } from '../print/sections';
import { Alert } from '../../components/Alert';

export function PaperChoice({ value, onChange }: { value: PageSize; onChange: (p: PageSize) => void }) {
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

export function PrintActions({ onCancel, onRun, busy }: { onCancel: () => void; onRun: (mode: PrintMode) => void; busy: boolean }) {
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
    <Dialog title="Print the case summary" onClose={onClose} actions={<PrintActions onCancel={onClose} onRun={(m) => void run(m)} busy={busy} />}>
      <div className="stack">
        {failure !== null ? (
          <Alert kind="error">
            {failure}
          </Alert>
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

/** A moment as the datetime-local field shows it (the workstation's time, to the minute). */
const localMinute = (at: Date) => {
  const d = new Date(at);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

type SentPacket = MethodOutput<'packets.history'>[number];
const sentPacketLabel = (p: SentPacket) => `${p.at.slice(0, 10)} · ${packetProfile(p.profile).label} · ${p.packetId.slice(0, 8)}`;

/**
 * The one-page cover sheet of a referral packet: filled in from the packet just
 * exported, or from one picked in this case's packet history; typed by hand only
 * for a packet written elsewhere (the command line prints its id and hash).
 */
export function CoverSheetDialog({ caseId, caseNumber, initial, returnTo, onClose }: { caseId: string; caseNumber: string; initial?: WrittenPacket | undefined; returnTo: Route; onClose: () => void }) {
  const start = usePrint((s) => s.start);
  const user = useSession((s) => s.status?.user?.name ?? '');
  const [recipient, setRecipient] = useState(initial?.recipient ?? '');
  const [packetId, setPacketId] = useState(initial?.packetId ?? '');
  const [manifest, setManifest] = useState(initial?.manifestSha256 ?? '');
  const [createdAt, setCreatedAt] = useState(() => localMinute(initial === undefined ? new Date() : new Date(initial.createdAt)));
  const [sent, setSent] = useState<SentPacket[]>([]);
  const [picked, setPicked] = useState(initial?.packetId ?? '');
  const [failure, setFailure] = useState<string | null>(null);
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

  const fill = (p: SentPacket | undefined) => {
    setPicked(p?.packetId ?? '');
    if (p === undefined) return;
    setRecipient(packetProfile(p.profile).label);
    setPacketId(p.packetId);
    setManifest(p.manifestSha256);
    setCreatedAt(localMinute(new Date(p.at)));
    setErrors({});
  };
  useEffect(() => {
    call('packets.history', { caseId }).then(
      (rows) => {
        const exported = rows.filter((r) => r.direction === 'export');
        setSent(exported);
        // Without a packet just written, the case's latest packet is the likeliest one.
        if (initial === undefined) fill(exported[0]);
      },
      (e: unknown) => setFailure(errorMessage(e)),
    );
    // Once per dialog: a later pick is the user's.
  }, [caseId]);

  return (
    <Dialog title="Print a referral cover sheet" onClose={onClose} actions={<PrintActions onCancel={onClose} onRun={run} busy={false} />}>
      <div className="stack">
        {failure !== null ? (
          <Alert kind="error">
            {failure}
          </Alert>
        ) : null}
        {sent.length > 0 ? (
          <Field label="Packet" hint={`Packets sent from case ${caseNumber}, newest first.`}>
            {(p) => (
              <select {...p} value={picked} onChange={(e) => fill(sent.find((x) => x.packetId === e.target.value) ?? undefined)}>
                {sent.map((x) => (
                  <option key={x.packetId} value={x.packetId}>
                    {sentPacketLabel(x)}
                  </option>
                ))}
                <option value="">Another packet (type its id and hash)</option>
              </select>
            )}
          </Field>
        ) : (
          <p className="hint">
            Case <span className="mono">{caseNumber}</span> has sent no packet from this vault: type the id and hashes that <span className="mono">offramp packet export</span> printed.
          </p>
        )}
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
