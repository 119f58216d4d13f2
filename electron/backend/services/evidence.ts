import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { inflateSync } from 'node:zlib';
import { AppError } from '../../../shared/contract';
import {
  custodyAddSchema,
  evidenceAddSchema,
  MAX_EVIDENCE_BYTES,
  MAX_PREVIEW_IMAGE_BYTES,
  type CustodyAdd,
  type EvidenceAdd,
  type EvidenceItem,
  type EvidencePreview,
} from '../../../shared/contract/evidence';
import type { CaseRecord } from '../../../shared/model/caseRecord';
import { appendAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import type { VaultSession } from '../vault/session';
import { requireCase, touchCase } from './cases';
import { evidenceChunks, evidenceHead, intakeFile, writeEvidenceChunks, type IntakeResult } from './evidenceStore';
import { newId } from './ids';

/**
 * Evidence files live inside the encrypted vault, never as plaintext files. Each
 * is hashed at intake while it streams in; that hash travels with it (custody
 * log, packets), so any later copy can be checked against what was taken in.
 */

interface EvidenceRow {
  id: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  received_on: string;
  source: string;
  created_by: string;
  created_at: string;
}

const toItem = (r: EvidenceRow): EvidenceItem => ({
  id: r.id,
  name: r.name,
  mediaType: r.media_type,
  size: r.size,
  sha256: r.sha256,
  receivedOn: r.received_on,
  source: r.source,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const textTypes: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
  json: 'application/json',
  xml: 'application/xml',
  eml: 'message/rfc822',
};

/**
 * The media type of a file, from its first bytes (never trusting the name for
 * what gets rendered), then from its extension for text, else octet-stream.
 */
export function sniffMediaType(head: Uint8Array, name: string): string {
  const b = Buffer.from(head.buffer, head.byteOffset, head.length);
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a') return 'image/gif';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  const ext = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const looksText = !b.includes(0) && isUtf8(b);
  if (looksText) return textTypes[ext] ?? 'text/plain';
  return 'application/octet-stream';
}

function isUtf8(b: Buffer): boolean {
  // A cut multi-byte sequence at the end of the head is not a reason to call it binary.
  for (let cut = 0; cut < 4 && cut <= b.length; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, b.length - cut));
      return true;
    } catch {
      /* try a shorter prefix */
    }
  }
  return false;
}

interface Intake {
  caseId: string;
  name: string;
  receivedOn: string;
  source: string;
}

function record(session: VaultSession, input: Intake, now: Date, store: (id: string) => IntakeResult, mediaType?: string): EvidenceItem {
  if (input.receivedOn > now.toISOString().slice(0, 10)) throw new AppError('invalid_input', 'Evidence cannot be received in the future.');
  const { db, user } = session;
  requireCase(db, input.caseId);
  const id = newId();
  const stamp = now.toISOString();
  let item: EvidenceItem | null = null;
  db.transaction(() => {
    // The row first (the chunks reference it), completed once the file is read.
    db.prepare(
      "INSERT INTO evidence (id, case_id, name, media_type, size, sha256, content, received_on, source, created_by, created_at) VALUES (?, ?, ?, '', 0, '', X'', ?, ?, ?, ?)",
    ).run(id, input.caseId, input.name, input.receivedOn, input.source, user.name, stamp);
    const { size, sha256, head } = store(id);
    const type = mediaType ?? sniffMediaType(head, input.name);
    db.prepare('UPDATE evidence SET media_type = ?, size = ?, sha256 = ? WHERE id = ?').run(type, size, sha256, id);
    db.prepare('INSERT INTO custody_events (case_id, evidence_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?)').run(
      input.caseId,
      id,
      stamp,
      user.name,
      'intake',
      JSON.stringify({ sha256, size, receivedOn: input.receivedOn, ...(input.source === '' ? {} : { receivedFrom: input.source }) }),
    );
    touchCase(db, input.caseId, now);
    appendAudit(db, { actor: user.name, action: 'evidence.add', caseId: input.caseId, detail: { evidenceId: id, size, sha256 } }, now);
    item = { id, name: input.name, mediaType: type, size, sha256, receivedOn: input.receivedOn, source: input.source, createdBy: user.name, createdAt: stamp };
  })();
  if (item === null) throw new AppError('internal', 'The evidence item was not recorded.');
  return item;
}

/**
 * Takes in the file at `path`: streamed into the vault in chunks and hashed on
 * the way (services/evidenceStore.ts refuses folders, FIFOs, devices, symbolic
 * links and files over the limit). All or nothing: a refused file leaves no row.
 */
export function addEvidenceFromPath(session: VaultSession, raw: EvidenceAdd & { path: string }, now: Date, maxBytes = MAX_EVIDENCE_BYTES): EvidenceItem {
  const input = evidenceAddSchema.parse(raw);
  const path = raw.path;
  const name = input.name ?? basename(path.replaceAll('\\', '/'));
  if (name === '' || name.length > 255) throw new AppError('invalid_input', 'The evidence file needs a name of 1 to 255 characters.');
  return record(session, { caseId: input.caseId, name, receivedOn: input.receivedOn, source: input.source }, now, (id) => intakeFile(session.db, id, path, maxBytes));
}

/** Takes in bytes already in memory (imports, tests, the benchmark): stored in the same chunks. */
export function addEvidenceBytes(
  session: VaultSession,
  input: { caseId: string; name: string; mediaType?: string; receivedOn: string; source?: string; content: Uint8Array },
  now: Date,
): EvidenceItem {
  if (input.content.length > MAX_EVIDENCE_BYTES) throw new AppError('invalid_input', `An evidence file may have at most ${MAX_EVIDENCE_BYTES / 1024 / 1024} MiB.`);
  return record(
    session,
    { caseId: input.caseId, name: input.name, receivedOn: input.receivedOn, source: input.source ?? '' },
    now,
    (id) => {
      writeEvidenceChunks(session.db, id, input.content);
      return { size: input.content.length, sha256: createHash('sha256').update(input.content).digest('hex'), head: Buffer.from(input.content.subarray(0, 4096)) };
    },
    input.mediaType,
  );
}

export function listEvidence(db: Db, caseId: string): EvidenceItem[] {
  requireCase(db, caseId);
  const rows = db
    .prepare('SELECT id, name, media_type, size, sha256, received_on, source, created_by, created_at FROM evidence WHERE case_id = ? ORDER BY created_at, id')
    .all(caseId) as EvidenceRow[];
  return rows.map(toItem);
}

function requireItem(db: Db, caseId: string, evidenceId: string): EvidenceRow {
  const row = db
    .prepare('SELECT id, name, media_type, size, sha256, received_on, source, created_by, created_at FROM evidence WHERE id = ? AND case_id = ?')
    .get(evidenceId, caseId) as EvidenceRow | undefined;
  if (row === undefined) throw new AppError('not_found', `The case has no evidence item ${evidenceId}.`);
  return row;
}

/**
 * An evidence item's content as a sequence of chunks, checked against the hash
 * taken at intake as it is read: a copy that no longer matches throws
 * 'integrity' before its last chunk is handed on, so it cannot leave the vault
 * as if it were the original.
 */
export function evidenceContentStream(db: Db, caseId: string, evidenceId: string): Generator<Buffer> {
  const row = requireItem(db, caseId, evidenceId);
  return evidenceChunks(db, evidenceId, { size: row.size, sha256: row.sha256 });
}

/** The whole content in memory: only for small items (tests, imports of earlier packets). */
export function readEvidenceContent(db: Db, caseId: string, evidenceId: string): Buffer {
  return Buffer.concat([...evidenceContentStream(db, caseId, evidenceId)]);
}

/** Records a hand-over of an item in the case's custody log (and the audit log). */
export function addCustodyEntry(session: VaultSession, raw: CustodyAdd, now: Date): CaseRecord['custody'][number] {
  const input = custodyAddSchema.parse(raw);
  const { db, user } = session;
  requireCase(db, input.caseId);
  const item = requireItem(db, input.caseId, input.evidenceId);
  if (input.on > now.toISOString().slice(0, 10)) throw new AppError('invalid_input', 'A hand-over cannot be recorded in the future.');
  if (input.on < item.received_on) throw new AppError('invalid_input', `A hand-over cannot predate the item’s receipt (${item.received_on}).`);
  const at = now.toISOString();
  const detail = { [input.kind === 'received_from' ? 'receivedFrom' : 'transferredTo']: input.party, purpose: input.purpose, on: input.on, sha256: item.sha256 };
  db.transaction(() => {
    db.prepare('INSERT INTO custody_events (case_id, evidence_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?)').run(input.caseId, input.evidenceId, at, user.name, input.kind, JSON.stringify(detail));
    touchCase(db, input.caseId, now);
    appendAudit(db, { actor: user.name, action: 'evidence.custody', caseId: input.caseId, detail: { evidenceId: input.evidenceId, kind: input.kind } }, now);
  })();
  return { at, actor: user.name, action: input.kind, evidenceId: input.evidenceId, detail };
}

const TEXT_PREVIEW_BYTES = 256 * 1024;
const PDF_SCAN_BYTES = 8 * 1024 * 1024;

/**
 * A preview of an item for the in-app pane, checked against the intake hash and
 * audited (it shows content). Images go to the renderer as bytes it decodes into
 * a canvas (no URL, no file); text as text; a PDF as its version, page count, title
 * and first text, plus its bytes (images' size limit) for pdf.js to draw in the
 * renderer (Chromium's own viewer is not exposed to case data).
 */
export function previewEvidence(session: VaultSession, caseId: string, evidenceId: string, now: Date): EvidencePreview {
  const { db, user } = session;
  requireCase(db, caseId);
  const item = requireItem(db, caseId, evidenceId);
  let preview: EvidencePreview;
  const image = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
  const imageType = image.find((t) => t === item.media_type);
  if (imageType !== undefined) {
    if (item.size > MAX_PREVIEW_IMAGE_BYTES) {
      preview = { kind: 'none', reason: `The image is ${(item.size / 1024 / 1024).toFixed(1)} MiB; images up to ${MAX_PREVIEW_IMAGE_BYTES / 1024 / 1024} MiB are previewed.` };
    } else {
      preview = { kind: 'image', mediaType: imageType, base64: readEvidenceContent(db, caseId, evidenceId).toString('base64') };
    }
  } else if (item.media_type === 'application/pdf') {
    // Small enough to draw: the whole body (read through its hash check once); else only the facts.
    const whole = item.size <= MAX_PREVIEW_IMAGE_BYTES ? readEvidenceContent(db, caseId, evidenceId) : null;
    preview = { ...pdfFacts(whole ?? checkedHead(db, caseId, item, PDF_SCAN_BYTES)), base64: whole === null ? null : whole.toString('base64') };
  } else if (item.media_type.startsWith('text/') || ['application/json', 'application/xml', 'message/rfc822'].includes(item.media_type)) {
    const head = checkedHead(db, caseId, item, TEXT_PREVIEW_BYTES);
    preview = { kind: 'text', text: new TextDecoder('utf-8').decode(head).replace(/\uFFFD+$/, ''), truncated: item.size > head.length };
  } else {
    preview = { kind: 'none', reason: 'Offramp previews images (PNG, JPEG, GIF, WebP), PDFs and text; this file is of another type. Its hash and custody log are still kept.' };
  }
  appendAudit(db, { actor: user.name, action: 'evidence.view', caseId, detail: { evidenceId, kind: preview.kind } }, now);
  return preview;
}

/** The first bytes of an item, after checking the whole body against its intake hash (chunk by chunk). */
function checkedHead(db: Db, caseId: string, item: EvidenceRow, limit: number): Buffer {
  for (const _chunk of evidenceContentStream(db, caseId, item.id)) {
    /* reading through is the check */
  }
  return evidenceHead(db, item.id, limit);
}

/** Facts about a PDF read from its bytes without rendering it. */
export function pdfFacts(bytes: Buffer): Omit<Extract<EvidencePreview, { kind: 'pdf' }>, 'base64'> {
  const text = bytes.toString('latin1');
  const version = /^%PDF-(\d\.\d)/.exec(text)?.[1] ?? 'unknown';
  const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  const title = decodePdfString(/\/Title\s*\(((?:\\.|[^\\)])*)\)/.exec(text)?.[1] ?? '');
  const encrypted = /\/Encrypt\s/.test(text);
  const pieces: string[] = [];
  if (!encrypted) {
    const streams = /stream\r?\n/g;
    let m: RegExpExecArray | null;
    while ((m = streams.exec(text)) !== null && pieces.join(' ').length < 2000) {
      const start = m.index + m[0].length;
      const end = text.indexOf('endstream', start);
      if (end < 0) break;
      const raw = bytes.subarray(start, end);
      const dict = text.slice(Math.max(0, m.index - 300), m.index);
      let content: string;
      try {
        content = /\/FlateDecode/.test(dict.slice(dict.lastIndexOf('<<'))) ? inflateSync(raw, { maxOutputLength: 4 * 1024 * 1024 }).toString('latin1') : raw.toString('latin1');
      } catch {
        continue;
      }
      for (const t of content.matchAll(/\(((?:\\.|[^\\)])*)\)\s*(?:Tj|'|")|\[((?:[^\]])*)\]\s*TJ/g)) {
        const piece = t[1] !== undefined ? decodePdfString(t[1]) : [...(t[2] ?? '').matchAll(/\(((?:\\.|[^\\)])*)\)/g)].map((x) => decodePdfString(x[1] ?? '')).join('');
        if (piece.trim() !== '') pieces.push(piece);
      }
      streams.lastIndex = end;
    }
  }
  const excerpt = pieces.join(' ').replace(/\s+/g, ' ').trim().slice(0, 2000);
  return { kind: 'pdf', version, pages, title, encrypted, textExcerpt: excerpt };
}

function decodePdfString(s: string): string {
  return s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_m, e: string) => {
    const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '', f: '', '(': '(', ')': ')', '\\': '\\' };
    return map[e] ?? String.fromCharCode(Number.parseInt(e, 8));
  });
}
