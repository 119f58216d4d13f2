import { useLayoutEffect, type ReactNode } from 'react';
import { bannerLine, type Markings } from '../../../../shared/model/markings';
import type { PageSize } from '../../stores/print';
import { cssString } from './cssText';
import './print.css';

interface PrintDocumentProps {
  markings: Markings;
  pageSize: PageSize;
  /** Printed top right on every page, e.g. the case number. */
  reference: string;
  printedBy: string;
  printedAt: string;
  /** What the screen shows above the document while it is being printed (never printed). */
  screenBar: ReactNode;
  children: ReactNode;
}

/**
 * The frame of every printout: banner line at the top and bottom of every page,
 * page x of y, who printed it and when, the designation indicator on the first
 * page, and the optional watermark with the user's name.
 *
 * The margin-box text (CSS @page @top-center …) comes from custom properties set
 * on the root element through the CSSOM: the CSP (style-src 'self') refuses
 * inline <style> and style attributes but not CSSOM changes, and custom
 * properties on the root reach the page margin boxes in Chromium. The paper size
 * is a named page (page: a4 | letter) chosen by class.
 */
export function PrintDocument({ markings, pageSize, reference, printedBy, printedAt, screenBar, children }: PrintDocumentProps) {
  const banner = bannerLine(markings);
  const printedLine = `Printed by ${printedBy} on ${printedAt}`;
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
