import { caseRisk, reviewDue } from '../../../shared/model/schedule';
import { AppError } from '../../../shared/contract';
import type { PacketVerification } from '../../../shared/contract/packets';
import type { PacketCase } from '../../../shared/packets/extract';
import type { PacketManifest } from '../../../shared/packets/manifest';
import { SUMMARY_FILE } from '../../../shared/packets/names';
import { caseRecordSchema, type CaseRecord } from '../../../shared/model/caseRecord';
import type { UnlockKey } from '../packets/ageLayer';
import { defaultPacketLimits, type PacketLimits } from '../packets/limits';
import { readPacketFile, type ReadPacket } from '../packets/receive';
import { hubPublicKey } from '../packets/signing';
import { appendAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import type { VaultSession } from '../vault/session';
import { describeZodError } from '../zodMessages';
import { storeOf, type Queries } from '../data';
import { caseExists } from '../data/cases';
import { caseImportedFrom } from '../data/importedCases';
import { findPacketCase, insertPacket } from '../data/packetRecords';
import { furthestStage } from './cases';
import { insertCaseRecord } from './caseStore';
import { dropStagedImport, moveStagedFile, stagePacketFile } from './evidenceStore';
import { newDisplayId, newId, nextCaseNumber } from './ids';
import { pinLabel } from './packetKeys';

type CustodyEvent = CaseRecord['custody'][number];

/**
 * The receiving side in the app: verify a packet, look into it, import it as a new
 * case. Every attempt is audited (ids, hashes and outcome only); a refused packet
 * changes nothing else.
 */

/** What a read packet shows; `label` is the one its signer is pinned under (null when not pinned or not asked). */
export function toVerification(read: ReadPacket, label: string | null): PacketVerification {
  return {
    packetId: read.packet.manifest.packetId,
    manifest: read.packet.manifest,
    manifestSha256: read.packet.manifestSha256,
    packetSha256: read.packetSha256,
    packetBytes: read.packetBytes,
    signature: { valid: true, fingerprint: read.packet.signerFingerprint, pinned: label !== null, pinLabel: label },
    files: read.packet.manifest.files,
    training: read.packet.manifest.training,
    decryptedWith: read.decryptedWith,
    addressedToKey: read.addressedToKey,
  };
}

async function audited<T>(session: VaultSession, action: string, now: Date, run: () => Promise<{ value: T; detail: Record<string, string | number | boolean | null> }>): Promise<T> {
  try {
    const { value, detail } = await run();
    appendAudit(session.db, { actor: session.user.name, action, detail: { ok: true, ...detail } }, now);
    return value;
  } catch (error) {
    const code = error instanceof AppError ? error.code : 'internal';
    appendAudit(session.db, { actor: session.user.name, action, detail: { ok: false, code } }, now);
    throw error;
  }
}

export function verifyPacket(session: VaultSession, path: string, key: UnlockKey, now: Date, limits: PacketLimits = defaultPacketLimits): Promise<PacketVerification> {
  return audited(session, 'packet.verify', now, async () => {
    const read = await readPacketFile(path, key, limits);
    const verification = toVerification(read, await pinLabel(session, read.packet.signerFingerprint));
    return { value: verification, detail: { packetId: verification.packetId, packetSha256: verification.packetSha256, pinned: verification.signature.pinned } };
  });
}

export function openPacket(
  session: VaultSession,
  path: string,
  key: UnlockKey,
  now: Date,
  limits: PacketLimits = defaultPacketLimits,
): Promise<{ verification: PacketVerification; case: PacketCase; custody: CustodyEvent[] }> {
  return audited(session, 'packet.open', now, async () => {
    const read = await readPacketFile(path, key, limits);
    const verification = toVerification(read, await pinLabel(session, read.packet.signerFingerprint));
    return {
      value: { verification, case: read.packet.caseExtract, custody: read.packet.custody.events },
      detail: { packetId: verification.packetId, packetSha256: verification.packetSha256, pinned: verification.signature.pinned },
    };
  });
}

/** This vault's packet-signing fingerprint, or null if it has none. */
function ownFingerprint(db: Db): string | null {
  try {
    return hubPublicKey(db).fingerprint;
  } catch {
    return null;
  }
}

/**
 * Why this vault does not take in a packet it could otherwise read: its own
 * export, an unpinned signer, the other kind of vault, a packet already imported.
 * Asked once the signed head has verified (before the evidence is read) and
 * again in the import's transaction (through its queries, `q`).
 */
async function refuseImport(session: VaultSession, q: Queries, manifest: PacketManifest, signerFingerprint: string): Promise<void> {
  const { db } = session;
  // A packet this vault wrote itself (its own signing key, a packet id it
  // recorded as exported): the case is already here; importing would duplicate
  // the person under a new pseudonym.
  if (signerFingerprint === ownFingerprint(db)) {
    const own = await findPacketCase(q, manifest.packetId, 'export');
    if (own !== null || (await caseExists(q, manifest.case.id))) {
      const number = own?.caseNumber ?? manifest.case.number;
      throw new AppError('conflict', `This packet was exported by this vault from case ${number}${own !== null && own.caseId === null ? ' (since disposed of)' : ''}; it is not imported again, so the case is not duplicated.`);
    }
  }
  if ((await pinLabel(session, signerFingerprint, q)) === null) {
    throw new AppError('forbidden', `The packet is signed by a key this vault has not pinned (fingerprint ${signerFingerprint}). A program manager must pin the sending hub's key first.`);
  }
  if (manifest.training && !session.training) throw new AppError('conflict', 'This is a training packet; it cannot be imported into a vault holding real cases.');
  if (!manifest.training && session.training) throw new AppError('conflict', 'This packet holds a real case; it cannot be imported into a training vault.');
  const earlier = await findPacketCase(q, manifest.packetId, 'import');
  if (earlier !== null || (await caseImportedFrom(q, manifest.packetId)) !== null) {
    throw new AppError('conflict', `Packet ${manifest.packetId} was already imported${earlier?.currentNumber ? ` (case ${earlier.currentNumber})` : ''}; it is imported only once.`);
  }
}

/**
 * Imports a packet as a new case. The packet is read as a stream: its evidence
 * files go into the vault's staging chunks while they are decrypted and hashed,
 * and the transaction that creates the case moves them into place once every
 * check has passed; a refused packet leaves nothing staged.
 */
export function importPacket(
  session: VaultSession,
  path: string,
  key: UnlockKey,
  now: Date,
  limits: PacketLimits = defaultPacketLimits,
): Promise<{ packetId: string; caseId: string; number: string }> {
  return audited(session, 'packet.import', now, async () => {
    const { db, user } = session;
    const store = storeOf(session);
    const importId = newId();
    try {
      const read = await readPacketFile(path, key, limits, {
        onSigned: (head) => refuseImport(session, store.q, head.manifest, head.signerFingerprint),
        sink: ({ name }) => stagePacketFile(store.q, importId, name),
      });
      const { manifest } = read.packet;
      // The case, its evidence and the record of the packet in one transaction; the
      // case record's own writes (synchronous, data/sqlcipher/caseRecord.ts) run on
      // the same connection inside it.
      const result = await store.transaction(async (tx) => {
        await refuseImport(session, tx, manifest, read.packet.signerFingerprint);
        const { record, staged } = caseFromPacket(db, read, user.name, now);
        insertCaseRecord(db, record, new Map());
        for (const [evidenceId, { file, size }] of staged) await moveStagedFile(tx, importId, file, evidenceId, size);
        await dropStagedImport(tx, importId);
        await insertPacket(tx, {
          packetId: manifest.packetId,
          direction: 'import',
          caseId: record.case.id,
          caseNumber: manifest.case.number,
          recipient: manifest.recipient,
          profile: manifest.profile,
          purpose: manifest.purpose,
          training: manifest.training,
          fileName: path.split(/[\\/]/).pop() ?? path,
          mediumPath: null,
          packetSha256: read.packetSha256,
          manifestSha256: read.packet.manifestSha256,
          signerFingerprint: read.packet.signerFingerprint,
          encryption: manifest.encryption.method,
          at: now.toISOString(),
          actor: user.name,
        });
        appendAudit(db, { actor: user.name, action: 'case.import_packet', caseId: record.case.id, detail: { packetId: manifest.packetId, number: record.case.number, evidence: record.evidence.length } }, now);
        return { packetId: manifest.packetId, caseId: record.case.id, number: record.case.number };
      });
      return { value: result, detail: { packetId: manifest.packetId, caseId: result.caseId, packetSha256: read.packetSha256 } };
    } finally {
      await dropStagedImport(store.q, importId);
    }
  });
}

/**
 * The received extract as a new case of this vault: new ids throughout (references
 * remapped), a new number and pseudonym, assigned to the importer, linked to the
 * packet; evidence files with their content; the sender's custody log for them,
 * followed by this vault's receipt.
 */
function caseFromPacket(db: Db, read: ReadPacket, actor: string, now: Date): { record: CaseRecord; staged: Map<string, { file: string; size: number }> } {
  const x = read.packet.caseExtract;
  const { manifest } = read.packet;
  const stamp = now.toISOString();
  const ids = new Map<string, string>();
  const remap = (old: string) => {
    const fresh = ids.get(old) ?? newId();
    ids.set(old, fresh);
    return fresh;
  };
  const mapped = (old: string | null) => (old !== null && ids.has(old) ? (ids.get(old) ?? null) : null);
  const caseId = newId();
  const reports = x.reports.map(({ reporterWithheld: _withheld, ...r }) => ({ ...r, id: remap(r.id) }));
  const strategies = x.strategies.map((s) => ({ ...s, id: remap(s.id) }));
  const staged = new Map<string, { file: string; size: number }>();
  const evidence = x.evidence
    .filter((e) => e.file !== null)
    .map(({ file, ...e }) => {
      const id = remap(e.id);
      staged.set(id, { file: file ?? '', size: e.size });
      return { ...e, id };
    });
  const senderEvents = read.packet.custody.events
    .filter((e) => e.evidenceId !== null && ids.has(e.evidenceId))
    .map((e) => ({ ...e, evidenceId: mapped(e.evidenceId), detail: { ...e.detail, fromPacket: manifest.packetId } }));
  if (manifest.files.some((f) => f.name === SUMMARY_FILE)) {
    const summary = manifest.files.find((f) => f.name === SUMMARY_FILE);
    const id = newId();
    staged.set(id, { file: SUMMARY_FILE, size: summary?.size ?? 0 });
    evidence.push({ id, name: SUMMARY_FILE, mediaType: 'application/pdf', size: summary?.size ?? 0, sha256: summary?.sha256 ?? '', receivedOn: stamp.slice(0, 10), source: `Referral packet ${manifest.packetId}` });
  }
  const receipt = { packetId: manifest.packetId, signer: read.packet.signerFingerprint, manifestSha256: read.packet.manifestSha256 };
  const custody: CustodyEvent[] = [
    ...senderEvents,
    ...evidence.map((e) => ({ at: stamp, actor, action: 'received_in_packet', evidenceId: e.id, detail: { ...receipt, sha256: e.sha256 } })),
    { at: stamp, actor, action: 'packet_import', evidenceId: null, detail: { ...receipt, packetSha256: read.packetSha256, listedOnly: x.evidence.filter((e) => e.file === null).length } },
  ];
  const indicators = x.indicators.map((i) => ({ ...i, id: remap(i.id), reportId: mapped(i.reportId) }));
  const record: CaseRecord = {
    format: 'offramp-case',
    version: 1,
    case: {
      id: caseId,
      number: nextCaseNumber(db, now.getUTCFullYear()),
      title: x.case.title,
      program: x.case.program,
      status: 'open',
      risk: x.case.risk,
      furthestStage: furthestStage(indicators.map((i) => i.stage)) ?? x.case.furthestStage,
      assignedTo: actor,
      members: [actor],
      createdBy: actor,
      createdAt: stamp,
      updatedAt: stamp,
      lastActivityAt: stamp,
      nextReview: null,
      legalHold: false,
      closedAt: null,
      closureReason: null,
      sourcePacketId: manifest.packetId,
    },
    subject: {
      displayId: newDisplayId(db),
      realName: x.subject.realName ?? `Withheld by the sender (${x.subject.displayId})`,
      employeeId: x.subject.employeeId ?? '',
      orgUnit: x.subject.orgUnit ?? '',
      position: x.subject.position ?? '',
      clearance: x.subject.clearance ?? '',
      facilityAccess: x.subject.facilityAccess ?? '',
      systemAccess: x.subject.systemAccess ?? '',
    },
    reports,
    indicators,
    analysis: x.analysis.map((a) => ({ ...a, id: remap(a.id) })),
    checklist: x.checklist,
    assessments: x.assessments.map((a) => ({ ...a, id: remap(a.id) })),
    determinations: x.determinations,
    strategies,
    actions: x.actions.map((a) => ({ ...a, id: remap(a.id), strategyId: mapped(a.strategyId) })),
    obligations: x.obligations,
    reportingRecords: x.reportingRecords.map((r) => ({ ...r, id: remap(r.id) })),
    reviews: x.reviews.map((r) => ({ ...r, id: remap(r.id) })),
    evidence,
    custody,
  };
  const facts = { status: record.case.status, assessments: record.assessments, reviews: record.reviews, actions: record.actions, determinations: record.determinations };
  record.case.risk = caseRisk(facts);
  record.case.nextReview = reviewDue(facts).nextReview;
  const checked = caseRecordSchema.safeParse(record);
  if (!checked.success) throw new AppError('integrity', `The packet's case cannot be imported: ${describeZodError(checked.error)}.`);
  return { record: checked.data, staged };
}
