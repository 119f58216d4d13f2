import { useLayoutEffect, type ReactNode } from 'react';
import { printedBanner, TRAINING_PRINT_MARK, type Markings } from '../../../../shared/model/markings';
import type { PageSize } from '../../stores/print';
import { useSession } from '../../stores/session';
import { cssString } from './cssText';
import './print.css';

interface PrintDocumentProps {
  markings: Markings;
  pageSize: PageSize;
  /** Printed top right on every page, e.g. the case number. */
  reference: string;
  printedBy: string;
  printedAt: string;
  /** The vault's audit head when the printout was made (e.g. "audit 42:3f9c0a1b2c4d"), in the footer of every page. */
  auditHead?: string;
  /** What the screen shows above the document while it is being printed (never printed). */
  screenBar: ReactNode;
  children: ReactNode;
}

/**
 * The frame of every printout: banner line at the top and bottom of every page,
 * page x of y, who printed it and when, the designation indicator on the first
 * page, and the optional watermark with the user's name. In a training vault every
 * printout, whatever its kind, is marked here: "TRAINING — FICTIONAL CASE DATA"
 * stands above the banner at the top and bottom of every page, the first page
 * opens with a training notice, and the screen shows the training banner while
 * it prints.
 *
 * The margin-box text (CSS @page @top-center …) comes from custom properties set
 * on the root element through the CSSOM: the CSP (style-src 'self') refuses
 * inline <style> and style attributes but not CSSOM changes, and custom
 * properties on the root reach the page margin boxes in Chromium. The paper size
 * is a named page (page: a4 | letter) chosen by class.
 */
export function PrintDocument({ markings, pageSize, reference, printedBy, printedAt, auditHead, screenBar, children }: PrintDocumentProps) {
  const training = useSession((s) => s.status?.training === true);
  // One line, or the training marking over the configured banner: the margin boxes break lines at "\n" (white-space: pre-line).
  const banner = printedBanner(markings, { training }).join('\n');
  // The audit head goes on a line of its own under "Printed by …" (the margin box breaks at "\n").
  const printedLine = `Printed by ${printedBy} on ${printedAt}${auditHead === undefined ? '' : `\n${auditHead}`}`;
  useLayoutEffect(() => {
    const root = document.documentElement;
    const vars: Record<string, string> = { '--print-banner': cssString(banner), '--print-ref': cssString(reference), '--print-printed': cssString(printedLine) };
    for (const [name, value] of Object.entries(vars)) root.style.setProperty(name, value);
    root.classList.add('printing');
    return () => {
      for (const name of Object.keys(vars)) root.style.removeProperty(name);
      root.classList.remove('printing');
    };
  }, [banner, reference, printedLine]);

  return (
    <div className="print-view">
      {training ? (
        <div className="training-banner print-training-screen" role="region" aria-label="Training notice">
          TRAINING VAULT — FICTIONAL CASES ONLY · this printout is marked TRAINING on every page
        </div>
      ) : null}
      <div className="print-screen-bar" role="status">
        {screenBar}
      </div>
      {markings.watermarkWithUserName ? (
        <div className="print-watermark" aria-hidden="true">
          <span>{printedBy}</span>
        </div>
      ) : null}
      <article className={`print-doc ${pageSize === 'A4' ? 'paper-a4' : 'paper-letter'}`} aria-label="Printout">
        {/* On screen the page margins are not drawn, so the banner is shown here; print shows the margin boxes instead. */}
        <p className="print-banner-screen" aria-hidden="true">
          {banner}
        </p>
        {training ? (
          <p className="print-training-notice" role="note">
            <strong>{TRAINING_PRINT_MARK}.</strong> Printed from the Offramp training vault for practice: the people and events in it are made up, and it is
            not a record of any real case.
          </p>
        ) : null}
        {children}
      </article>
    </div>
  );
}

/** The designation indicator block of the first page. */
export function DesignationBlock({ markings }: { markings: Markings }) {
  const d = markings.designation;
  return (
    <section className="designation" aria-label="Designation indicator">
      <dl>
        <dt>Controlled by:</dt>
        <dd>{d.controlledBy}</dd>
        <dt>CUI category:</dt>
        <dd>{d.category === '' ? markings.categories.join(', ') || '—' : d.category}</dd>
        <dt>Dissemination / distribution:</dt>
        <dd>{d.dissemination === '' ? markings.disseminationControls.join(', ') || '—' : d.dissemination}</dd>
        <dt>POC:</dt>
        <dd>{d.poc}</dd>
      </dl>
    </section>
  );
}
