import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract';
import { MAX_PREVIEW_IMAGE_BYTES } from '../../shared/contract/evidence';
import { createCase } from '../../electron/backend/services/cases';
import { addCustodyEntry, addEvidenceFromPath, evidenceContentStream, listEvidence, pdfFacts, previewEvidence, sniffMediaType } from '../../electron/backend/services/evidence';
import { CHUNK_BYTES, intakeFile } from '../../electron/backend/services/evidenceStore';
import { packetIntake, scratch } from '../helpers/packets';
import { createTestVault, type TestVault } from '../helpers/vault';

let vault: TestVault;
let tmp: ReturnType<typeof scratch>;
let caseId: string;
beforeEach(async () => {
  vault = await createTestVault();
  tmp = scratch('offramp-evidence-');
  caseId = createCase(vault.session.db, vault.session.user, packetIntake(), vault.now()).id;
});
afterEach(() => {
  vault.cleanup();
  tmp.cleanup();
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const rows = () => ({
  evidence: (vault.session.db.prepare('SELECT count(*) AS n FROM evidence').get() as { n: number }).n,
  chunks: (vault.session.db.prepare('SELECT count(*) AS n FROM evidence_chunks').get() as { n: number }).n,
  custody: (vault.session.db.prepare('SELECT count(*) AS n FROM custody_events').get() as { n: number }).n,
});
const add = (path: string, maxBytes?: number) => addEvidenceFromPath(vault.session, { caseId, path, receivedOn: '2026-11-05', source: 'Security office' }, vault.now(), maxBytes);

async function refusal(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('evidence intake by path', () => {
  it('streams a file into the vault in chunks with its SHA-256, an intake custody event and an audit entry', async () => {
    const body = randomBytes(CHUNK_BYTES * 3 + 5);
    const path = join(tmp.root, 'capture.bin');
    writeFileSync(path, body);
    const item = await add(path);
    expect(item).toMatchObject({ name: 'capture.bin', size: body.length, sha256: sha(body), mediaType: 'application/octet-stream', createdBy: 'Dana Whitfield', source: 'Security office' });
    expect(await listEvidence(vault.session.db, caseId)).toEqual([item]);
    expect(rows()).toEqual({ evidence: 1, chunks: 4, custody: 1 });
    expect(Buffer.concat([...(await evidenceContentStream(vault.session.db, caseId, item.id))]).equals(body)).toBe(true);
    const audit = vault.session.db.prepare("SELECT detail FROM audit_events WHERE action = 'evidence.add'").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ evidenceId: item.id, size: body.length, sha256: sha(body) });
  });

  it('reads the file a chunk at a time, never the whole file at once', () => {
    const path = join(tmp.root, 'large.bin');
    writeFileSync(path, randomBytes(CHUNK_BYTES * 8));
    const reads: number[] = [];
    const counting = ((fd: number, buffer: NodeJS.ArrayBufferView, offset: number, length: number, position: null) => {
      reads.push(length);
      return readSync(fd, buffer, offset, length, position);
    }) as typeof readSync;
    const db = vault.session.db;
    db.prepare("INSERT INTO evidence (id, case_id, name, media_type, size, sha256, content, received_on, created_by, created_at) VALUES ('e1', ?, 'x', '', 0, '', X'', '2026-11-05', 'u', 'now')").run(caseId);
    const result = intakeFile(db, 'e1', path, 64 * 1024 * 1024, counting);
    expect(result.size).toBe(CHUNK_BYTES * 8);
    expect(Math.max(...reads)).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(reads.length).toBeGreaterThanOrEqual(8);
  });

  it('refuses a folder, a FIFO, a device, a symbolic link, a missing file and an oversized file with a clear message, leaving nothing', async () => {
    const before = rows();
    const dir = join(tmp.root, 'folder');
    mkdirSync(dir);
    expect((await refusal(() => add(dir))).message).toMatch(/is a folder, not a file/);
    const fifo = join(tmp.root, 'pipe');
    execFileSync('mkfifo', [fifo]);
    // Opened without blocking: a FIFO with no writer must not hang intake.
    expect((await refusal(() => add(fifo))).message).toMatch(/pipe \(FIFO\), not a file/);
    expect((await refusal(() => add('/dev/zero'))).message).toMatch(/device, not a file/);
    const target = join(tmp.root, 'real.txt');
    writeFileSync(target, 'real');
    const link = join(tmp.root, 'link.txt');
    symlinkSync(target, link);
    expect((await refusal(() => add(link))).message).toMatch(/symbolic link/);
    expect((await refusal(() => add(join(tmp.root, 'nope.txt')))).message).toMatch(/no such file/);
    const big = join(tmp.root, 'big.bin');
    writeFileSync(big, Buffer.alloc(CHUNK_BYTES + 1));
    const oversize = await refusal(() => add(big, CHUNK_BYTES));
    expect(oversize.code).toBe('invalid_input');
    expect(oversize.message).toMatch(/at most 0\.3 MiB|at most/);
    expect(rows()).toEqual(before);
  });

  it('refuses a receipt date in the future and an unknown case, leaving nothing', async () => {
    const path = join(tmp.root, 'a.txt');
    writeFileSync(path, 'x');
    const before = rows();
    expect((await refusal(() => addEvidenceFromPath(vault.session, { caseId, path, receivedOn: '2027-01-01' }, vault.now()))).message).toMatch(/future/);
    expect((await refusal(() => addEvidenceFromPath(vault.session, { caseId: 'nope', path, receivedOn: '2026-11-01' }, vault.now()))).code).toBe('not_found');
    expect(rows()).toEqual(before);
  });

  it('refuses to hand out a body that no longer matches its intake hash', async () => {
    const path = join(tmp.root, 'a.txt');
    writeFileSync(path, 'original text');
    const item = await add(path);
    vault.session.db.prepare("UPDATE evidence_chunks SET data = CAST('altered text!' AS BLOB) WHERE evidence_id = ?").run(item.id);
    await expect((async () => [...(await evidenceContentStream(vault.session.db, caseId, item.id))])()).rejects.toThrow(/no longer matches the SHA-256/);
    expect((await refusal(() => previewEvidence(vault.session, caseId, item.id, vault.now()))).code).toBe('integrity');
  });
});

describe('custody entries by hand', () => {
  it('records received-from and transferred-to with purpose, and refuses bad ones', async () => {
    const path = join(tmp.root, 'drive-image.txt');
    writeFileSync(path, 'x');
    const item = await add(path);
    const entry = await addCustodyEntry(vault.session, { caseId, evidenceId: item.id, kind: 'transferred_to', party: 'Legal counsel', purpose: 'Review for referral', on: '2026-11-19' }, vault.now());
    expect(entry).toMatchObject({ action: 'transferred_to', evidenceId: item.id, detail: { transferredTo: 'Legal counsel', purpose: 'Review for referral', sha256: item.sha256 } });
    const custody = vault.session.db.prepare('SELECT action FROM custody_events WHERE evidence_id = ? ORDER BY id').pluck().all(item.id);
    expect(custody).toEqual(['intake', 'transferred_to']);
    const before = rows();
    await expect(addCustodyEntry(vault.session, { caseId, evidenceId: item.id, kind: 'received_from', party: '', purpose: 'x', on: '2026-11-19' }, vault.now())).rejects.toThrow(/name the person or office/);
    expect((await refusal(() => addCustodyEntry(vault.session, { caseId, evidenceId: item.id, kind: 'received_from', party: 'HR', purpose: 'x', on: '2026-11-01' }, vault.now()))).message).toMatch(/predate/);
    expect((await refusal(() => addCustodyEntry(vault.session, { caseId, evidenceId: item.id, kind: 'received_from', party: 'HR', purpose: 'x', on: '2026-12-01' }, vault.now()))).message).toMatch(/future/);
    expect((await refusal(() => addCustodyEntry(vault.session, { caseId, evidenceId: 'nope', kind: 'received_from', party: 'HR', purpose: 'x', on: '2026-11-19' }, vault.now()))).code).toBe('not_found');
    expect(rows()).toEqual(before);
  });
});

describe('previews', () => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

  it('recognizes types by content, not by name', () => {
    expect(sniffMediaType(png, 'photo.txt')).toBe('image/png');
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n'), 'x.bin')).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from('name,amount\n'), 'ledger.csv')).toBe('text/csv');
    expect(sniffMediaType(Buffer.from([0, 1, 2, 3]), 'notes.txt')).toBe('application/octet-stream');
    // An HTML file is shown as text, never rendered.
    expect(sniffMediaType(Buffer.from('<script>alert(1)</script>'), 'page.html')).toBe('text/plain');
  });

  it('previews an image as its bytes, text as text, a PDF as facts, and audits each view', async () => {
    const files = { 'photo.png': png, 'notes.txt': Buffer.from('Badge log shows 02:14 entry.\n') };
    const ids = Object.fromEntries(await Promise.all(Object.entries(files).map(async ([name, body]) => {
      const path = join(tmp.root, name);
      writeFileSync(path, body);
      return [name, (await add(path)).id] as const;
    })));
    expect(await previewEvidence(vault.session, caseId, ids['photo.png'] ?? '', vault.now())).toEqual({ kind: 'image', mediaType: 'image/png', base64: png.toString('base64') });
    expect(await previewEvidence(vault.session, caseId, ids['notes.txt'] ?? '', vault.now())).toEqual({ kind: 'text', text: 'Badge log shows 02:14 entry.\n', truncated: false });
    expect(vault.session.db.prepare("SELECT count(*) FROM audit_events WHERE action = 'evidence.view'").pluck().get()).toBe(2);
  });

  it('hands a PDF to the preview as its facts and its bytes for drawing (checked against the intake hash)', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count 1 >> endobj\n3 0 obj << /Type /Page >> endobj\n%%EOF\n');
    const path = join(tmp.root, 'log.pdf');
    writeFileSync(path, pdf);
    const id = (await add(path)).id;
    expect(await previewEvidence(vault.session, caseId, id, vault.now())).toEqual({ kind: 'pdf', version: '1.4', pages: 1, title: '', encrypted: false, textExcerpt: '', base64: pdf.toString('base64') });
    expect(vault.session.db.prepare("SELECT count(*) FROM audit_events WHERE action = 'evidence.view'").pluck().get()).toBe(1);
    // Above the images' size limit a PDF is described, not handed over for drawing.
    const big = join(tmp.root, 'big.pdf');
    writeFileSync(big, Buffer.concat([pdf, Buffer.alloc(MAX_PREVIEW_IMAGE_BYTES + 1 - pdf.length, 0x20)]));
    expect(await previewEvidence(vault.session, caseId, (await add(big)).id, vault.now())).toMatchObject({ kind: 'pdf', version: '1.4', pages: 1, base64: null });
  });

  it('reads a PDF’s version, page count, title and text without rendering it', () => {
    const content = deflateSync(Buffer.from('BT /F1 12 Tf (Quarterly export log) Tj ET'));
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count 2 >> endobj\n3 0 obj << /Type /Page >> endobj\n4 0 obj << /Type /Page >> endobj\n'),
      Buffer.from(`5 0 obj << /Length ${content.length} /Filter /FlateDecode >>\nstream\n`),
      content,
      Buffer.from('\nendstream endobj\n6 0 obj << /Title (Export \\(draft\\)) >> endobj\n%%EOF\n'),
    ]);
    expect(pdfFacts(pdf)).toEqual({ kind: 'pdf', version: '1.4', pages: 2, title: 'Export (draft)', encrypted: false, textExcerpt: 'Quarterly export log' });
  });
});
