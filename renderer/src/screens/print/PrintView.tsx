import { useEffect, useRef, useState } from 'react';
import type { CaseView } from '../../../../shared/contract/cases';
import { portionMark, type Markings } from '../../../../shared/model/markings';
import { call, errorMessage } from '../../api/client';
import { usePrint, type PrintJob, type PrintOutcome } from '../../stores/print';
import { useSession } from '../../stores/session';
import { CaseSummarySections } from './CaseSummary';
import { CoverSheet } from './CoverSheet';
import { printedAt } from './cssText';
import { DesignationBlock, PrintDocument } from './PrintDocument';

type Loaded = { markings: Markings; view: CaseView | null; at: Date };

/** Waits until the laid-out page has painted, so the host prints what is finished. */
async function settled(): Promise<void> {
  await document.fonts.ready;
  await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

function outcomeOf(job: PrintJob, result: { done: boolean; path: string | null }): PrintOutcome {
  const what = job.kind === 'case' ? 'case summary' : 'referral cover sheet';
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
        if (live) setLoaded({ markings, view, at: new Date() });
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
            : await call('print.coverSheet', { packet: job.packet, pageSize: job.pageSize, mode: job.mode });
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
  const view = loaded.view;
  if (view === null) return null;
  return (
    <PrintDocument {...common} reference={view.case.number}>
      <header className="print-title">
        <div>
          <p className="print-kicker">Insider Threat Program · Case summary</p>
          <h1>
            Case <span className="mono">{view.case.number}</span>
          </h1>
          <p className="print-meta">
            Printed by {user} on {printedAt(loaded.at)} · {job.sections.length} of 9 sections · {job.pageSize === 'A4' ? 'A4' : 'US Letter'}
          </p>
        </div>
        <DesignationBlock markings={loaded.markings} />
      </header>
      <CaseSummarySections view={view} sections={job.sections} realName={job.realName} portion={portionMark(loaded.markings)} />
      <p className="print-end">End of case summary {view.case.number}.</p>
    </PrintDocument>
  );
}
