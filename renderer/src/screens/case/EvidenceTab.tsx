import { isoDateSchema } from '../../../../shared/model/caseRecord';
import { localToday } from '../../../../shared/model/schedule';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { CaseView } from '../../../../shared/contract/cases';
import type { EvidencePreview } from '../../../../shared/contract/evidence';
import { MAX_EVIDENCE_BYTES, MAX_PREVIEW_IMAGE_BYTES } from '../../../../shared/contract/evidence';
import { call, errorMessage } from '../../api/client';
import { pathForFile } from '../../api/files';
import { Field } from '../../components/Field';
import { useCaseQuery } from '../../stores/currentCase';
import { custodyActionLabel, custodyDetailText, fileSize } from './evidenceLabels';
import { PdfPages } from './PdfPages';
import { Alert } from '../../components/Alert';

type Item = CaseView['evidence'][number];

/**
 * Evidence: files taken into the vault (chosen in the system's dialog or dropped
 * here; the backend reads them from disk and hashes them on the way in), each
 * listed with its size and SHA-256, previewed inside the app, with its chain of
 * custody and hand-overs recorded by hand.
 */
export function EvidenceTab({ view }: { view: CaseView }) {
  const { refetch } = useCaseQuery();
  const caseId = view.case.id;
  const [receivedOn, setReceivedOn] = useState(localToday());
  const [source, setSource] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    if (message !== null) messageRef.current?.focus();
  }, [message]);

  const checkIntake = (): boolean => {
    const next: Record<string, string> = {};
    if (!isoDateSchema.safeParse(receivedOn).success) next['receivedOn'] = 'Give the date the file was received.';
    else if (receivedOn > localToday()) next['receivedOn'] = 'The date received cannot be in the future.';
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const intake = async (path?: string) => {
    if (!checkIntake()) return;
    setBusy(true);
    setMessage(null);
    try {
      const result = await call('evidence.add', { caseId, receivedOn, source: source.trim(), ...(path === undefined ? {} : { path }) });
      if (result.status === 'added') {
        setMessage({ kind: 'ok', text: `“${result.item.name}” was taken into the vault (${fileSize(result.item.size)}, SHA-256 ${result.item.sha256.slice(0, 16)}…).` });
        setSelected(result.item.id);
        await refetch();
      }
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const onDrop = async (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length !== 1) {
      setMessage({ kind: 'error', text: files.length === 0 ? 'Drop a file from a folder or removable medium.' : 'Drop one file at a time, so each gets its own receipt details.' });
      return;
    }
    const file = files[0] as File;
    if (file.size > MAX_EVIDENCE_BYTES) {
      setMessage({ kind: 'error', text: `“${file.name}” is ${fileSize(file.size)}; an evidence file may have at most ${fileSize(MAX_EVIDENCE_BYTES)}.` });
      return;
    }
    const path = await pathForFile(file);
    if (path === '') {
      setMessage({ kind: 'error', text: `“${file.name}” has no place on disk Offramp can read it from; save it to a folder first, then drop or choose it.` });
      return;
    }
    await intake(path);
  };

  const item = view.evidence.find((e) => e.id === selected) ?? null;
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="evidence-title">
        <h2 id="evidence-title">Evidence</h2>
        <p className="muted">
          Files are kept encrypted inside the vault, never as loose files. Each is fingerprinted (SHA-256) as it is taken in; every packet and printout repeats that fingerprint so any copy can be checked.
        </p>
        {message !== null ? (
          <Alert kind={message.kind} ref={messageRef} tabIndex={-1}>
            {message.text}
          </Alert>
        ) : null}
        <div className="evidence-intake">
          <Field label="Received on" required error={errors['receivedOn']}>
            {(p) => <input {...p} type="date" value={receivedOn} max={localToday()} onChange={(e) => setReceivedOn(e.target.value)} />}
          </Field>
          <Field label="Received from" hint="Who handed the file over, e.g. “Security office, badge logs”.">
            {(p) => <input {...p} type="text" maxLength={500} value={source} onChange={(e) => setSource(e.target.value)} />}
          </Field>
          <div
            className={`evidence-drop${dragging ? ' evidence-drop-active' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => void onDrop(e)}
            data-testid="evidence-drop"
          >
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void intake()}>
              {busy ? 'Taking in…' : 'Add file…'}
            </button>
            <span className="muted">or drop a file here (up to {fileSize(MAX_EVIDENCE_BYTES)})</span>
          </div>
        </div>
        {view.evidence.length === 0 ? (
          <p className="muted">No evidence recorded yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="data evidence-table">
              <caption className="visually-hidden">Evidence items</caption>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Size</th>
                  <th scope="col">SHA-256</th>
                  <th scope="col">Received</th>
                  <th scope="col">Taken in by</th>
                </tr>
              </thead>
              <tbody>
                {view.evidence.map((e) => (
                  <tr key={e.id} aria-selected={e.id === selected} className={e.id === selected ? 'row-selected' : undefined}>
                    <td>
                      <button type="button" className="btn-link" onClick={() => setSelected(e.id)} aria-label={`Open ${e.name}`}>
                        {e.name}
                      </button>
                      <div className="muted">{typeLabel(e.mediaType)}</div>
                    </td>
                    <td>{fileSize(e.size)}</td>
                    <td className="mono evidence-hash">{e.sha256}</td>
                    <td>
                      {e.receivedOn}
                      {e.source === '' ? null : <div className="muted">from {e.source}</div>}
                    </td>
                    <td>{takenInBy(view, e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {item !== null ? <EvidenceItemCard key={item.id} view={view} item={item} /> : null}
    </div>
  );
}

function takenInBy(view: CaseView, e: Item): string {
  const intake = view.custody.find((c) => c.evidenceId === e.id && (c.action === 'intake' || c.action === 'received_in_packet'));
  return intake === undefined ? '—' : `${intake.actor}, ${intake.at.slice(0, 16).replace('T', ' ')} UTC`;
}

function typeLabel(mediaType: string): string {
  const known: Record<string, string> = {
    'image/png': 'PNG image',
    'image/jpeg': 'JPEG image',
    'image/gif': 'GIF image',
    'image/webp': 'WebP image',
    'application/pdf': 'PDF document',
    'text/plain': 'Text',
    'text/csv': 'Spreadsheet (CSV)',
    'text/markdown': 'Text (Markdown)',
    'application/json': 'Data (JSON)',
    'application/xml': 'Data (XML)',
    'message/rfc822': 'E-mail message',
    'application/octet-stream': 'Other file',
  };
  return known[mediaType] ?? (mediaType === '' ? 'Unknown type' : mediaType);
}

/** One item: its preview, its chain of custody, and a form to record a hand-over. */
function EvidenceItemCard({ view, item }: { view: CaseView; item: Item }) {
  const { refetch } = useCaseQuery();
  const caseId = view.case.id;
  const [preview, setPreview] = useState<EvidencePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [kind, setKind] = useState<'received_from' | 'transferred_to'>('transferred_to');
  const [party, setParty] = useState('');
  const [purpose, setPurpose] = useState('');
  const [on, setOn] = useState(localToday());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const savedRef = useRef<HTMLDivElement | null>(null);
  const headingRef = useRef<HTMLHeadingElement | null>(null);

  useEffect(() => {
    headingRef.current?.focus();
    call('evidence.preview', { caseId, evidenceId: item.id }).then(setPreview, (e: unknown) => setPreviewError(errorMessage(e)));
  }, [caseId, item.id]);
  useEffect(() => {
    if (saved !== null) savedRef.current?.focus();
  }, [saved]);

  const record = async () => {
    const next: Record<string, string> = {};
    if (party.trim() === '') next['party'] = kind === 'received_from' ? 'Name the person or office the item came from.' : 'Name the person or office the item went to.';
    if (purpose.trim() === '') next['purpose'] = 'Say why the item changed hands.';
    if (!isoDateSchema.safeParse(on).success) next['on'] = 'Give the date of the hand-over.';
    else if (on > localToday()) next['on'] = 'A hand-over cannot be in the future.';
    else if (on < item.receivedOn) next['on'] = `A hand-over cannot predate the item’s receipt (${item.receivedOn}).`;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    try {
      await call('evidence.custodyAdd', { caseId, evidenceId: item.id, kind, party: party.trim(), purpose: purpose.trim(), on });
      setParty('');
      setPurpose('');
      setSaved({ kind: 'ok', text: 'Hand-over recorded in the chain of custody.' });
      await refetch();
    } catch (e) {
      setSaved({ kind: 'error', text: errorMessage(e) });
    }
  };

  const custody = view.custody.filter((c) => c.evidenceId === item.id);
  return (
    <section className="card stack" aria-labelledby="evidence-item-title">
      <h2 id="evidence-item-title" ref={headingRef} tabIndex={-1}>
        {item.name}
      </h2>
      <dl className="kv">
        <dt>Type</dt>
        <dd>{typeLabel(item.mediaType)}</dd>
        <dt>Size</dt>
        <dd>
          {fileSize(item.size)}
          {item.size >= 1024 ? ` (${item.size.toLocaleString('en-US')} bytes)` : ''}
        </dd>
        <dt>SHA-256</dt>
        <dd className="mono evidence-hash">{item.sha256}</dd>
      </dl>
      <div className="evidence-preview" aria-label={`Preview of ${item.name}`} role="region">
        {previewError !== null ? (
          <Alert kind="error">
            {previewError}
          </Alert>
        ) : preview === null ? (
          <p className="muted">Loading the preview…</p>
        ) : (
          <PreviewPane preview={preview} name={item.name} />
        )}
      </div>
      <h3>Chain of custody</h3>
      <table className="data">
        <caption className="visually-hidden">Chain of custody of {item.name}</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {custody.map((c, index) => (
            <tr key={`${c.at}-${index}`}>
              <td className="mono nowrap">{c.at.slice(0, 16).replace('T', ' ')}</td>
              <td>{c.actor}</td>
              <td>{custodyActionLabel(c.action)}</td>
              <td>{custodyDetailText(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset className="fieldset stack">
        <legend>Record a hand-over</legend>
        {saved !== null ? (
          <Alert kind={saved.kind} ref={savedRef} tabIndex={-1}>
            {saved.text}
          </Alert>
        ) : null}
        <div className="row">
          <label className="check">
            <input type="radio" name="custody-kind" checked={kind === 'transferred_to'} onChange={() => setKind('transferred_to')} /> Transferred to
          </label>
          <label className="check">
            <input type="radio" name="custody-kind" checked={kind === 'received_from'} onChange={() => setKind('received_from')} /> Received from
          </label>
        </div>
        <div className="evidence-intake">
          <Field label={kind === 'received_from' ? 'Received from' : 'Transferred to'} required error={errors['party']}>
            {(p) => <input {...p} type="text" maxLength={200} value={party} onChange={(e) => setParty(e.target.value)} />}
          </Field>
          <Field label="Purpose" required error={errors['purpose']}>
            {(p) => <input {...p} type="text" maxLength={500} value={purpose} onChange={(e) => setPurpose(e.target.value)} />}
          </Field>
          <Field label="Date" required error={errors['on']}>
            {(p) => <input {...p} type="date" value={on} max={localToday()} onChange={(e) => setOn(e.target.value)} />}
          </Field>
        </div>
        <div className="row">
          <button type="button" className="btn" onClick={() => void record()}>
            Record hand-over
          </button>
        </div>
      </fieldset>
    </section>
  );
}

/**
 * The preview itself. An image is decoded from its bytes straight into a canvas
 * (no URL of any kind, so the page's img-src 'self' policy stays as it is, and
 * nothing is written to disk); text is shown as text, never interpreted; a PDF's
 * pages are drawn by pdf.js (PdfPages) beside the facts the backend read from it.
 */
function PreviewPane({ preview, name }: { preview: EvidencePreview; name: string }) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const [imageError, setImageError] = useState<string | null>(null);
  useEffect(() => {
    if (preview.kind !== 'image') return;
    let cancelled = false;
    const bytes = Uint8Array.from(atob(preview.base64), (c) => c.charCodeAt(0));
    createImageBitmap(new Blob([bytes], { type: preview.mediaType })).then(
      (bitmap) => {
        const canvas = canvasRef.current;
        if (cancelled || canvas === null) return;
        const scale = Math.min(1, 640 / bitmap.width, 480 / bitmap.height);
        canvas.width = Math.max(1, Math.round(bitmap.width * scale));
        canvas.height = Math.max(1, Math.round(bitmap.height * scale));
        canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        canvas.dataset['width'] = String(bitmap.width);
        canvas.dataset['height'] = String(bitmap.height);
        bitmap.close();
      },
      () => setImageError('The image could not be decoded; it may be damaged or not the image its first bytes claim.'),
    );
    return () => {
      cancelled = true;
    };
  }, [preview]);

  if (preview.kind === 'image') {
    return imageError !== null ? (
      <Alert as="p" kind="warn" role={null}>{imageError}</Alert>
    ) : (
      <canvas ref={canvasRef} className="evidence-canvas" role="img" aria-label={`Image: ${name}`} />
    );
  }
  if (preview.kind === 'text') {
    return (
      <>
        <pre className="evidence-text" tabIndex={0} aria-label={`Text of ${name}`}>
          {preview.text}
        </pre>
        {preview.truncated ? <p className="muted">Only the first 256 KiB are shown.</p> : null}
      </>
    );
  }
  if (preview.kind === 'pdf') {
    return (
      <div className="stack">
        {preview.base64 !== null ? (
          <PdfPages base64={preview.base64} name={name} />
        ) : (
          <p className="muted">This PDF is larger than {MAX_PREVIEW_IMAGE_BYTES / 1024 / 1024} MiB, so it is described here rather than drawn.</p>
        )}
        <dl className="kv">
          <dt>Pages</dt>
          <dd>{preview.pages}</dd>
          <dt>Title</dt>
          <dd>{preview.title === '' ? '—' : preview.title}</dd>
          <dt>PDF version</dt>
          <dd>{preview.version}</dd>
          <dt>Password-protected</dt>
          <dd>{preview.encrypted ? 'Yes' : 'No'}</dd>
        </dl>
        <h3>Text excerpt</h3>
        {preview.textExcerpt === '' ? <p className="muted">No plain text found (it may be scanned images or compressed differently).</p> : <pre className="evidence-text">{preview.textExcerpt}</pre>}
      </div>
    );
  }
  return <p className="muted">{preview.reason}</p>;
}
