import { AppError } from '../../../shared/contract';
import type { PacketProgress } from '../../../shared/contract/packets';
import { PACKET_EXTENSION } from '../../../shared/packets/names';
import { citationText } from '../../../shared/domain/citation';
import { defaultPacketProfileId, packetProfiles, packetSections } from '../../../shared/packets/profiles';
import type { BackendContext } from '../context';
import type { Handlers } from './types';
import { exportPacket, previewPacket } from '../services/packetExport';
import { ownPublicKey, packetHistory, pinKey, pinnedKeys, unpinKey } from '../services/packetKeys';
import { packetUnlockKey as unlockKey } from '../services/packetFiles';
import { importPacket, openPacket, verifyPacket } from '../services/packetReceive';
import { listRecipients, removeRecipient, saveRecipient } from '../services/packetRecipients';

type PacketMethods =
  | 'packets.profiles'
  | 'packets.preview'
  | 'packets.export'
  | 'packets.exportProgress'
  | 'packets.verify'
  | 'packets.open'
  | 'packets.import'
  | 'packets.publicKey'
  | 'packets.pinKey'
  | 'packets.unpinKey'
  | 'packets.pinnedKeys'
  | 'packets.history'
  | 'packets.recipients'
  | 'packets.saveRecipient'
  | 'packets.removeRecipient';

const idle: PacketProgress = { active: false, phase: 'idle', bytesWritten: 0, totalBytes: 0 };
/** The export under way per backend, polled by the export dialog. */
const progressOf = new WeakMap<BackendContext, PacketProgress>();

/** Test suites create packets with the fast profile; real passphrase packets use age's default work factor. */
const scryptLogN = (ctx: BackendContext) => (ctx.options.kdf === 'fast-insecure-for-tests' ? 10 : undefined);

/** The packet path given, or one chosen in the system's open dialog (null: cancelled). */
async function packetPath(ctx: BackendContext, path: string | undefined): Promise<string | null> {
  if (path !== undefined) return path;
  const host = ctx.options.host;
  if (host === undefined) throw new AppError('invalid_input', 'Give the path of the packet file.');
  return host.chooseOpenPath({ title: 'Open a referral packet', extensions: [PACKET_EXTENSION] });
}

export const packetsHandlers: Pick<Handlers, PacketMethods> = {
  'packets.profiles': () =>
    packetProfiles.map((p) => ({
      id: p.id,
      label: p.label,
      recipient: p.recipient,
      obligationRecipient: p.obligationRecipient,
      subjectFields: [...p.subjectFields],
      sections: packetSections.filter((s) => p.sections[s]),
      indicators: p.indicators.map((c) => ({
        ...(c.categories === undefined ? {} : { categories: [...c.categories] }),
        ...(c.stages === undefined ? {} : { stages: [...c.stages] }),
      })),
      rationale: p.rationale,
      sources: p.sources.map(citationText),
      isDefault: p.id === defaultPacketProfileId,
    })),
  'packets.preview': (input, ctx) => previewPacket(ctx.requireSession(), input.caseId, input.profile, input.selection ?? {}),
  'packets.export': async (input, ctx) => {
    const session = ctx.requireSession();
    if (progressOf.get(ctx)?.active === true) throw new AppError('conflict', 'Another packet is being written; wait until it is done.');
    let targetDir = input.targetDir;
    if (targetDir === undefined) {
      const host = ctx.options.host;
      if (host === undefined) throw new AppError('invalid_input', 'Give the folder to write the packet to.');
      const chosen = await host.chooseFolder({ title: 'Choose the removable medium for the referral packet' });
      if (chosen === null) return { status: 'cancelled' };
      targetDir = chosen;
    }
    progressOf.set(ctx, { active: true, phase: 'building', bytesWritten: 0, totalBytes: 0 });
    try {
      const result = await exportPacket(
        session,
        {
          caseId: input.caseId,
          profile: input.profile,
          selection: input.selection,
          key: input.recipientKey !== undefined ? { kind: 'recipient', recipient: input.recipientKey } : { kind: 'passphrase', passphrase: input.passphrase ?? '' },
          purpose: input.purpose,
          targetDir,
          summaryPdf: input.summaryPdfBase64 === undefined ? null : Buffer.from(input.summaryPdfBase64, 'base64'),
        },
        { now: ctx.now(), onProgress: (p) => progressOf.set(ctx, p.active ? p : { ...p, active: true }), scryptLogN: scryptLogN(ctx) },
      );
      return { status: 'written', ...result };
    } finally {
      progressOf.set(ctx, idle);
    }
  },
  'packets.exportProgress': (_input, ctx) => progressOf.get(ctx) ?? idle,
  'packets.verify': async (input, ctx) => {
    const session = ctx.requireSession();
    const key = unlockKey(input);
    const path = await packetPath(ctx, input.path);
    if (path === null) return { status: 'cancelled' };
    return { status: 'verified', path, verification: await verifyPacket(session, path, key, ctx.now()) };
  },
  'packets.open': async (input, ctx) => {
    const session = ctx.requireSession();
    const key = unlockKey(input);
    const path = await packetPath(ctx, input.path);
    if (path === null) return { status: 'cancelled' };
    return { status: 'opened', ...(await openPacket(session, path, key, ctx.now())) };
  },
  'packets.import': async (input, ctx) => {
    const session = ctx.requireSession();
    const key = unlockKey(input);
    const path = await packetPath(ctx, input.path);
    if (path === null) return { status: 'cancelled' };
    return { status: 'imported', ...(await importPacket(session, path, key, ctx.now())) };
  },
  'packets.publicKey': (_input, ctx) => ownPublicKey(ctx.requireSession().db),
  'packets.pinKey': (input, ctx) => pinKey(ctx.requireSession(), input.label, input.publicKeyPem, ctx.now()),
  'packets.unpinKey': async (input, ctx) => {
    await unpinKey(ctx.requireSession(), input.fingerprint, ctx.now());
    return { removed: true };
  },
  'packets.pinnedKeys': (_input, ctx) => pinnedKeys(ctx.requireSession()),
  'packets.history': (input, ctx) => packetHistory(ctx.requireSession(), input.caseId),
  'packets.recipients': (_input, ctx) => listRecipients(ctx.requireSession()),
  'packets.saveRecipient': (input, ctx) => saveRecipient(ctx.requireSession(), input, ctx.now()),
  'packets.removeRecipient': async (input, ctx) => {
    await removeRecipient(ctx.requireSession(), input.id, ctx.now());
    return { removed: true };
  },
};
