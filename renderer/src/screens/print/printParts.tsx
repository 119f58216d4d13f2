import type { ReactNode } from 'react';
import type { Markings } from '../../../../shared/model/markings';
import { DesignationBlock } from './PrintDocument';
import { NONE_RECORDED } from './sections';

export const None = () => <p className="none-recorded">{NONE_RECORDED}</p>;
export const text = (value: string) => (value.trim() === '' ? '—' : value);

interface TableProps {
  /** Column headings with a width class each (w-s, w-m, w-l, w-ts, w-hash, or none for the rest). */
  columns: readonly (readonly [string, string])[];
  caption?: string;
  children: ReactNode;
}

/** A table for paper: the header repeats on every page and rows are not split across pages. */
export function PrintTable({ columns, caption, children }: TableProps) {
  return (
    <table className="print-table">
      {caption !== undefined ? <caption>{caption}</caption> : null}
      <colgroup>
        {columns.map(([label, width]) => (
          <col key={label} className={width} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {columns.map(([label]) => (
            <th key={label} scope="col">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}


/** Groups a hash in blocks of 16 so that it can be read aloud and compared. */
export const groupedHash = (hash: string) => hash.replace(/(.{16})(?=.)/g, '$1 ');

/** The title block of a printout's first page: what it is, a line about it, and the designation indicator. */
export function PrintTitle({ kicker, meta, markings, children }: { kicker: string; meta: ReactNode; markings: Markings; children: ReactNode }) {
  return (
    <header className="print-title">
      <div>
        <p className="print-kicker">{kicker}</p>
        <h1>{children}</h1>
        <p className="print-meta">{meta}</p>
      </div>
      <DesignationBlock markings={markings} />
    </header>
  );
}

/** A section of a printout, its heading led by the portion mark. */
export function MarkedSection({ id, portion, heading, className, children }: { id: string; portion: string; heading: ReactNode; className?: string; children: ReactNode }) {
  return (
    <section className={className === undefined ? 'print-section' : `print-section ${className}`} aria-labelledby={id}>
      <h2 id={id}>
        <span className="portion">{portion}</span> {heading}
      </h2>
      {children}
    </section>
  );
}
