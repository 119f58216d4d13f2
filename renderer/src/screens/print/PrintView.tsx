import { useEffect, useRef, useState } from 'react';
import type { CaseView } from '../../../../shared/contract/cases';
import { portionMark, type Markings } from '../../../../shared/model/markings';
import type { DualRolePolicy } from '../../../../shared/security/separation';
import { call, errorMessage } from '../../api/client';
import { usePrint, type PrintJob, type PrintOutcome } from '../../stores/print';
import { useSession } from '../../stores/session';
import { CaseSummarySections, SeparationOfDuties } from './CaseSummary';
import { CoverSheet } from './CoverSheet';
import { printedAt } from './cssText';
import { DispositionCertificateSheet } from './DispositionCertificate';
import { PrintDocument } from './PrintDocument';
import { PrintTitle } from './printParts';

type Loaded = { markings: Markings; view: CaseView | null; dualRoles: DualRolePolicy | null; at: Date; auditHead: string };

/** Waits until the laid-out page has painted, so the host prints what is finished. */
async function settled(): Promise<void> {
  await document.fonts.ready;
  await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

function outcomeOf(job: PrintJob, result: { done: boolean; path: string | null }): PrintOutcome {
  const what = { case: 'case summary', cover: 'referral cover sheet', disposition: 'disposition certificate' }[job.kind];
  if (!result.done) return { kind: 'info', text: `Printing cancelled: the ${what} was not printed.` };
  if (job.mode === 'pdf') return { kind: 'ok', text: `The ${what} was saved as PDF to ${result.path ?? 'the chosen file'}. This is recorded in the audit log.` };
  return { kind: 'ok', text: `The ${what} was sent to the printer. This is recorded in the audit log.` };
}

/**
 * The print view: takes over the window, lays out the job with its markings, asks
 * the backend to print or save it, then goes back where it came from.
 */
export function PrintView() {
  const job = usePrint((s) => s.job);
  const finish = usePrint((s) => s.finish);
  const user = useSession((s) => s.status?.user?.name ?? '');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (job === null) {
      finish({ kind: 'error', text: 'There was nothing to print.' });
      return;
    }
    let live = true;
    void (async () => {
      try {
        const markings = await call('settings.markings', {});
        const view = job.kind === 'case' ? await call('cases.get', { id: job.caseId }) : null;
        // A case summary says whether the hub lets one person hold two steps of a decision.
        const dualRoles = job.kind === 'case' ? await call('settings.dualRoles', {}) : null;
        // After cases.get, whose audit event the head then includes.
        const head = await call('print.auditHead', {});
        if (live) setLoaded({ markings, view, dualRoles, at: new Date(), auditHead: head.short });
      } catch (error) {
        if (live) finish({ kind: 'error', text: `Nothing was printed: ${errorMessage(error)}` });
      }
    })();
    return () => {
      live = false;
    };
  }, [job, finish]);

  useEffect(() => {
    if (job === null || loaded === null || started.current) return;
    started.current = true;
    void (async () => {
      await settled();
      try {
        const result =
          job.kind === 'case'
            ? await call('print.case', { caseId: job.caseId, sections: job.sections, pageSize: job.pageSize, mode: job.mode, revealed: job.realName !== null })
            : job.kind === 'cover'
              ? await call('print.coverSheet', { packet: job.packet, pageSize: job.pageSize, mode: job.mode })
              : await call('print.dispositionCertificate', { caseId: job.certificate.caseId, pageSize: job.pageSize, mode: job.mode });
        finish(outcomeOf(job, result));
      } catch (error) {
        finish({ kind: 'error', text: `Nothing was printed: ${errorMessage(error)}` });
      }
    })();
  }, [job, loaded, finish]);

  if (job === null || loaded === null) return <p className="muted print-preparing">Preparing the printout…</p>;
  const bar = <>{job.mode === 'pdf' ? 'Saving as PDF…' : 'Printing…'} The window returns to where you were when it is done.</>;
  const common = { markings: loaded.markings, pageSize: job.pageSize, printedBy: user, printedAt: printedAt(loaded.at), screenBar: bar };

  if (job.kind === 'cover') {
    return (
      <PrintDocument {...common} reference={`${job.packet.caseNumber} · packet ${job.packet.packetId}`}>
        <CoverSheet packet={job.packet} markings={loaded.markings} />
      </PrintDocument>
    );
  }
  if (job.kind === 'disposition') {
    return (
      <PrintDocument {...common} reference={`${job.certificate.caseNumber} · disposition`}>
        <DispositionCertificateSheet certificate={job.certificate} markings={loaded.markings} printedBy={user} />
        <p className="print-end">End of the certificate of disposition of case {job.certificate.caseNumber}.</p>
      </PrintDocument>
    );
  }
  const view = loaded.view;
  if (view === null) return null;
  return (
    <PrintDocument {...common} reference={view.case.number} auditHead={loaded.auditHead}>
      <PrintTitle
        kicker="Insider Threat Program · Case summary"
        meta={`Printed by ${user} on ${printedAt(loaded.at)} · ${job.sections.length} of 9 sections · ${job.pageSize === 'A4' ? 'A4' : 'US Letter'}`}
        markings={loaded.markings}
      >
        Case <span className="mono">{view.case.number}</span>
      </PrintTitle>
      {loaded.dualRoles !== null ? <SeparationOfDuties policy={loaded.dualRoles} /> : null}
      <CaseSummarySections view={view} sections={job.sections} realName={job.realName} portion={portionMark(loaded.markings)} />
      <p className="print-end">End of case summary {view.case.number}.</p>
    </PrintDocument>
  );
}
