import { createHash } from 'node:crypto';
import { localToday } from '../../../shared/model/schedule';
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
import { storeOf, type Queries } from '../data';
import { insertCustodyEvent } from '../data/custodyEvents';
import { evidenceOfCase, findEvidence, insertEvidence, setEvidenceContentFacts, type Evidence } from '../data/evidence';
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

const toItem = ({ caseId: _caseId, ...item }: Evidence): EvidenceItem => item;

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
  const ext = name.match(/\.([a-z0-9]{1,8})$/i)?.[1]?.toLowerCase() ?? '';
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

/**
 * Records an item in one transaction: its row, its content (`store`, which
 * writes the chunks synchronously on the same connection, inside the
 * transaction: see data/evidenceBlobs.ts), what intake found, the custody
 * event, the case's touch and the audit entry.
 */
async function record(session: VaultSession, input: Intake, now: Date, store: (id: string) => IntakeResult, mediaType?: string): Promise<EvidenceItem> {
  if (input.receivedOn > localToday(now)) throw new AppError('invalid_input', 'Evidence cannot be received in the future.');
  const { db, user } = session;
  requireCase(db, input.caseId);
  const id = newId();
  const stamp = now.toISOString();
  return storeOf(session).transaction(async (tx) => {
    // The row first (the chunks reference it), completed once the file is read.
    await insertEvidence(tx, { id, caseId: input.caseId, name: input.name, mediaType: '', size: 0, sha256: '', receivedOn: input.receivedOn, source: input.source, createdBy: user.name, createdAt: stamp });
    const { size, sha256, head } = store(id);
    const type = mediaType ?? sniffMediaType(head, input.name);
    await setEvidenceContentFacts(tx, id, { mediaType: type, size, sha256 });
    await insertCustodyEvent(tx, {
      caseId: input.caseId,
      evidenceId: id,
      at: stamp,
      actor: user.name,
      action: 'intake',
      detail: { sha256, size, receivedOn: input.receivedOn, ...(input.source === '' ? {} : { receivedFrom: input.source }) },
    });
    touchCase(db, input.caseId, now);
    appendAudit(db, { actor: user.name, action: 'evidence.add', caseId: input.caseId, detail: { evidenceId: id, size, sha256 } }, now);
    return { id, name: input.name, mediaType: type, size, sha256, receivedOn: input.receivedOn, source: input.source, createdBy: user.name, createdAt: stamp };
  });
}

/**
 * Takes in the file at `path`: streamed into the vault in chunks and hashed on
 * the way (services/evidenceStore.ts refuses folders, FIFOs, devices, symbolic
 * links and files over the limit). All or nothing: a refused file leaves no row.
 */
export async function addEvidenceFromPath(session: VaultSession, raw: EvidenceAdd & { path: string }, now: Date, maxBytes = MAX_EVIDENCE_BYTES): Promise<EvidenceItem> {
  const input = evidenceAddSchema.parse(raw);
  const path = raw.path;
  const name = input.name ?? basename(path.replaceAll('\\', '/'));
  if (name === '' || name.length > 255) throw new AppError('invalid_input', 'The evidence file needs a name of 1 to 255 characters.');
  return record(session, { caseId: input.caseId, name, receivedOn: input.receivedOn, source: input.source }, now, (id) => intakeFile(session.db, id, path, maxBytes));
}

/** Takes in bytes already in memory (imports, tests, the benchmark): stored in the same chunks. */
export async function addEvidenceBytes(
  session: VaultSession,
  input: { caseId: string; name: string; mediaType?: string; receivedOn: string; source?: string; content: Uint8Array },
  now: Date,
): Promise<EvidenceItem> {
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

export async function listEvidence(db: Db, caseId: string): Promise<EvidenceItem[]> {
  requireCase(db, caseId);
  return (await evidenceOfCase(storeOf({ db }).q, caseId)).map(toItem);
}

async function requireItem(q: Queries, caseId: string, evidenceId: string): Promise<Evidence> {
  const item = await findEvidence(q, caseId, evidenceId);
  if (item === null) throw new AppError('not_found', `The case has no evidence item ${evidenceId}.`);
  return item;
}

/**
 * An evidence item's content as a sequence of chunks, checked against the hash
 * taken at intake as it is read: a copy that no longer matches throws
 * 'integrity' before its last chunk is handed on, so it cannot leave the vault
 * as if it were the original. The item is looked up first; its chunks are then
 * read one at a time as the sequence is consumed.
 */
export async function evidenceContentStream(db: Db, caseId: string, evidenceId: string): Promise<Generator<Buffer>> {
  const item = await requireItem(storeOf({ db }).q, caseId, evidenceId);
  return evidenceChunks(db, evidenceId, { size: item.size, sha256: item.sha256 });
}

/** The whole content in memory: only for small items (tests, imports of earlier packets). */
export async function readEvidenceContent(db: Db, caseId: string, evidenceId: string): Promise<Buffer> {
  return Buffer.concat([...(await evidenceContentStream(db, caseId, evidenceId))]);
}

/** Records a hand-over of an item in the case's custody log (and the audit log). */
export async function addCustodyEntry(session: VaultSession, raw: CustodyAdd, now: Date): Promise<CaseRecord['custody'][number]> {
  const input = custodyAddSchema.parse(raw);
  const { db, user } = session;
  requireCase(db, input.caseId);
  const store = storeOf(session);
  const item = await requireItem(store.q, input.caseId, input.evidenceId);
  if (input.on > localToday(now)) throw new AppError('invalid_input', 'A hand-over cannot be recorded in the future.');
  if (input.on < item.receivedOn) throw new AppError('invalid_input', `A hand-over cannot predate the item’s receipt (${item.receivedOn}).`);
  const at = now.toISOString();
  const detail = { [input.kind === 'received_from' ? 'receivedFrom' : 'transferredTo']: input.party, purpose: input.purpose, on: input.on, sha256: item.sha256 };
  await store.transaction(async (tx) => {
    await insertCustodyEvent(tx, { caseId: input.caseId, evidenceId: input.evidenceId, at, actor: user.name, action: input.kind, detail });
    touchCase(db, input.caseId, now);
    appendAudit(db, { actor: user.name, action: 'evidence.custody', caseId: input.caseId, detail: { evidenceId: input.evidenceId, kind: input.kind } }, now);
  });
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
export async function previewEvidence(session: VaultSession, caseId: string, evidenceId: string, now: Date): Promise<EvidencePreview> {
  const { db, user } = session;
  requireCase(db, caseId);
  const { q } = storeOf(session);
  const item = await requireItem(q, caseId, evidenceId);
  let preview: EvidencePreview;
  const image = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
  const imageType = image.find((t) => t === item.mediaType);
  if (imageType !== undefined) {
    if (item.size > MAX_PREVIEW_IMAGE_BYTES) {
      preview = { kind: 'none', reason: `The image is ${(item.size / 1024 / 1024).toFixed(1)} MiB; images up to ${MAX_PREVIEW_IMAGE_BYTES / 1024 / 1024} MiB are previewed.` };
    } else {
      preview = { kind: 'image', mediaType: imageType, base64: (await readEvidenceContent(db, caseId, evidenceId)).toString('base64') };
    }
  } else if (item.mediaType === 'application/pdf') {
    // Small enough to draw: the whole body (read through its hash check once); else only the facts.
    const whole = item.size <= MAX_PREVIEW_IMAGE_BYTES ? await readEvidenceContent(db, caseId, evidenceId) : null;
    preview = { ...pdfFacts(whole ?? (await checkedHead(session, item, PDF_SCAN_BYTES))), base64: whole === null ? null : whole.toString('base64') };
  } else if (item.mediaType.startsWith('text/') || ['application/json', 'application/xml', 'message/rfc822'].includes(item.mediaType)) {
    const head = await checkedHead(session, item, TEXT_PREVIEW_BYTES);
    preview = { kind: 'text', text: new TextDecoder('utf-8').decode(head).replace(/\uFFFD+$/, ''), truncated: item.size > head.length };
  } else {
    preview = { kind: 'none', reason: 'Offramp previews images (PNG, JPEG, GIF, WebP), PDFs and text; this file is of another type. Its hash and custody log are still kept.' };
  }
  appendAudit(db, { actor: user.name, action: 'evidence.view', caseId, detail: { evidenceId, kind: preview.kind } }, now);
  return preview;
}

/** The first bytes of an item, after checking the whole body against its intake hash (chunk by chunk). */
async function checkedHead(session: VaultSession, item: Evidence, limit: number): Promise<Buffer> {
  for (const _chunk of evidenceChunks(session.db, item.id, { size: item.size, sha256: item.sha256 })) {
    /* reading through is the check */
  }
  return evidenceHead(storeOf(session).q, item.id, limit);
}

/** Facts about a PDF read from its bytes without rendering it. */
export function pdfFacts(bytes: Buffer): Omit<Extract<EvidencePreview, { kind: 'pdf' }>, 'base64'> {
  const text = bytes.toString('latin1');
  const version = text.match(/^%PDF-(\d\.\d)/)?.[1] ?? 'unknown';
  const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  const title = decodePdfString(text.match(/\/Title\s*\(((?:\\.|[^\\)])*)\)/)?.[1] ?? '');
  const encrypted = /\/Encrypt\s/.test(text);
  const pieces: string[] = [];
  if (!encrypted) {
    // Each stream in turn: searched for from where the last one ended (or, when
    // it could not be read, from its start).
    let from = 0;
    for (let m = text.slice(from).match(/stream\r?\n/); m !== null && pieces.join(' ').length < 2000; m = text.slice(from).match(/stream\r?\n/)) {
      const at = from + (m.index ?? 0);
      const start = at + m[0].length;
      from = start;
      const end = text.indexOf('endstream', start);
      if (end < 0) break;
      const raw = bytes.subarray(start, end);
      const dict = text.slice(Math.max(0, at - 300), at);
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
      from = end;
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
