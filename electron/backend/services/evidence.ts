import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/contract';
import { evidenceAddSchema, MAX_EVIDENCE_BYTES, type EvidenceAdd, type EvidenceItem } from '../../../shared/contract/evidence';
import { appendAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import type { VaultSession } from '../vault/session';
import { requireCase, touchCase } from './cases';
import { newId } from './ids';

/**
 * Evidence files live inside the encrypted vault, never as plaintext files. Each
 * is hashed at intake; that hash travels with it (custody log, packets), so any
 * later copy can be checked against what was taken in.
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

export function addEvidence(session: VaultSession, raw: EvidenceAdd, now: Date): EvidenceItem {
  const input = evidenceAddSchema.parse(raw);
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length > MAX_EVIDENCE_BYTES) throw new AppError('invalid_input', `An evidence file may have at most ${MAX_EVIDENCE_BYTES / 1024 / 1024} MiB.`);
  if (input.receivedOn > now.toISOString().slice(0, 10)) throw new AppError('invalid_input', 'Evidence cannot be received in the future.');
  const { db, user } = session;
  requireCase(db, input.caseId);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const id = newId();
  const stamp = now.toISOString();
  db.transaction(() => {
    db.prepare(
      'INSERT INTO evidence (id, case_id, name, media_type, size, sha256, content, received_on, source, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(id, input.caseId, input.name, input.mediaType, content.length, sha256, content, input.receivedOn, input.source, user.name, stamp);
    db.prepare('INSERT INTO custody_events (case_id, evidence_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?)').run(
      input.caseId,
      id,
      stamp,
      user.name,
      'intake',
      JSON.stringify({ sha256, size: content.length, receivedOn: input.receivedOn }),
    );
    touchCase(db, input.caseId, now);
    appendAudit(db, { actor: user.name, action: 'evidence.add', caseId: input.caseId, detail: { evidenceId: id, size: content.length, sha256 } }, now);
  })();
  return { id, name: input.name, mediaType: input.mediaType, size: content.length, sha256, receivedOn: input.receivedOn, source: input.source, createdBy: user.name, createdAt: stamp };
}

export function listEvidence(db: Db, caseId: string): EvidenceItem[] {
  requireCase(db, caseId);
  const rows = db
    .prepare('SELECT id, name, media_type, size, sha256, received_on, source, created_by, created_at FROM evidence WHERE case_id = ? ORDER BY created_at, id')
    .all(caseId) as EvidenceRow[];
  return rows.map(toItem);
}

/**
 * An evidence file's content, checked against the hash taken at intake: a copy
 * that no longer matches must not leave the vault as if it were the original.
 */
export function readEvidenceContent(db: Db, caseId: string, evidenceId: string): Buffer {
  const row = db.prepare('SELECT content, size, sha256 FROM evidence WHERE id = ? AND case_id = ?').get(evidenceId, caseId) as { content: Buffer; size: number; sha256: string } | undefined;
  if (row === undefined) throw new AppError('not_found', `The case has no evidence item ${evidenceId}.`);
  const content = Buffer.from(row.content);
  if (content.length !== row.size || createHash('sha256').update(content).digest('hex') !== row.sha256) {
    throw new AppError('integrity', `Evidence item ${evidenceId} no longer matches the SHA-256 recorded at intake (or its content was never stored); it cannot be sent.`);
  }
  return content;
}
