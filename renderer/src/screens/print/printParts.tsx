import type { ReactNode } from 'react';
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

