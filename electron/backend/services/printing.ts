import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/contract';
import type { CoverSheetPacket, PrintSection } from '../../../shared/contract/printing';
import type { HostServices, PageSize } from '../context';
import { storeOf } from '../data';
import { caseIdByNumber } from '../data/cases';
import { appendAudit } from '../vault/audit';
import type { VaultSession } from '../vault/session';
import { requireCase } from './cases';
import { dispositionCertificate } from './retention';

export interface PrintResult {
  done: boolean;
  path: string | null;
  sha256: string | null;
}

interface PrintJob {
  /** The audit actions of a printed copy and of a saved PDF. */
  actions: { print: string; pdf: string };
  caseId: string | null;
  pageSize: PageSize;
  mode: 'print' | 'pdf';
  defaultName: string;
  dialogTitle: string;
  /** Ids and flags only; never text of a case. */
  detail: Record<string, string | number | boolean | string[]>;
}

function requireHost(host: HostServices | undefined): HostServices {
  if (host === undefined) throw new AppError('io', 'Printing needs the Offramp window; this backend has none.');
  return host;
}

/**
 * Prints the window's current page (the renderer has laid out the print view)
 * through the system dialog, or saves it as PDF where the user chooses. The event
 * is recorded only once paper or a file has actually been produced; a cancelled
 * dialog leaves nothing behind and records nothing. A print from the training vault
 * is recorded as such and its suggested file name starts with TRAINING; the pages
 * themselves carry the training marking from the print view's frame.
 */
async function runPrintJob(session: VaultSession, hostOption: HostServices | undefined, job: PrintJob, now: () => Date): Promise<PrintResult> {
  const host = requireHost(hostOption);
  const audit = (action: string, extra: Record<string, string | number>) =>
    appendAudit(session.db, { actor: session.user.name, action, caseId: job.caseId, detail: { ...job.detail, pageSize: job.pageSize, training: session.training, ...extra } }, now());
  if (job.mode === 'print') {
    const printed = await host.print({ pageSize: job.pageSize });
    if (!printed) return { done: false, path: null, sha256: null };
    audit(job.actions.print, {});
    return { done: true, path: null, sha256: null };
  }
  const path = await host.chooseSavePath({ title: job.dialogTitle, defaultName: session.training ? `TRAINING ${job.defaultName}` : job.defaultName, extension: 'pdf' });
  if (path === null) return { done: false, path: null, sha256: null };
  const pdf = await host.printToPdf({ pageSize: job.pageSize });
  if (Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') throw new AppError('internal', 'The page could not be rendered as PDF. Nothing was saved.');
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  writeAtomically(path, pdf, () => audit(job.actions.pdf, { bytes: pdf.byteLength, sha256 }), session);
  return { done: true, path, sha256 };
}

/**
 * Writes to a temporary file beside the target, syncs it, then records the audit
 * event and renames in one database transaction: if the rename fails the event is
 * rolled back, and if the event cannot be recorded the file is never put in place.
 */
function writeAtomically(path: string, bytes: Uint8Array, record: () => void, session: VaultSession): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    session.db.transaction(() => {
      record();
      renameSync(temp, path);
    })();
  } catch (error) {
    rmSync(temp, { force: true });
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError('io', `The PDF could not be written there (${code}). Nothing was saved.`);
  }
  try {
    const dirFd = openSync(dirname(path), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some platforms cannot fsync a folder; the rename itself is still atomic.
  }
}

export function printCase(
  session: VaultSession,
  host: HostServices | undefined,
  input: { caseId: string; sections: readonly PrintSection[]; pageSize: PageSize; mode: 'print' | 'pdf'; revealed: boolean },
  now: () => Date,
): Promise<PrintResult> {
  const record = requireCase(session.db, input.caseId);
  return runPrintJob(
    session,
    host,
    {
      actions: { print: 'case.print', pdf: 'case.print_pdf' },
      caseId: record.case.id,
      pageSize: input.pageSize,
      mode: input.mode,
      dialogTitle: 'Save the case summary as PDF',
      defaultName: `${record.case.number} case summary.pdf`,
      detail: { number: record.case.number, sections: [...input.sections], revealed: input.revealed },
    },
    now,
  );
}

export async function printCoverSheet(
  session: VaultSession,
  host: HostServices | undefined,
  input: { packet: CoverSheetPacket; pageSize: PageSize; mode: 'print' | 'pdf' },
  now: () => Date,
): Promise<PrintResult> {
  const caseId = await caseIdByNumber(storeOf(session).q, input.packet.caseNumber);
  return runPrintJob(
    session,
    host,
    {
      actions: { print: 'packet.cover_sheet_print', pdf: 'packet.cover_sheet_pdf' },
      caseId,
      pageSize: input.pageSize,
      mode: input.mode,
      dialogTitle: 'Save the referral cover sheet as PDF',
      defaultName: `${input.packet.caseNumber} cover sheet ${input.packet.packetId}.pdf`,
      detail: { number: input.packet.caseNumber, packetId: input.packet.packetId, manifestSha256: input.packet.manifestSha256 },
    },
    now,
  );
}

/** The certificate of a disposed case: it exists only as the disposition's audit event, which the printout names. */
export async function printDispositionCertificate(
  session: VaultSession,
  host: HostServices | undefined,
  input: { caseId: string; pageSize: PageSize; mode: 'print' | 'pdf' },
  now: () => Date,
): Promise<PrintResult> {
  const certificate = await dispositionCertificate(session.db, input.caseId);
  return runPrintJob(
    session,
    host,
    {
      actions: { print: 'retention.certificate_print', pdf: 'retention.certificate_pdf' },
      caseId: certificate.caseId,
      pageSize: input.pageSize,
      mode: input.mode,
      dialogTitle: 'Save the disposition certificate as PDF',
      defaultName: `${certificate.caseNumber} disposition certificate.pdf`,
      detail: { number: certificate.caseNumber, dispositionSeq: certificate.audit.seq },
    },
    now,
  );
}
