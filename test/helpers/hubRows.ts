import { tables, type TableName } from '../../electron/backend/data/schema';

/** A row for `table` belonging to case `c`: its id from the table and case, every other required column a plain value. */
export function rowFor(table: TableName, c: string): Record<string, string | number | null> {
  const row: Record<string, string | number | null> = {};
  for (const [column, spec] of Object.entries(tables[table]) as [string, string][]) {
    if (spec.endsWith('+')) continue;
    if (column === 'case_id' || (table === 'cases' && column === 'id')) row[column] = c;
    else if (column === 'subject_id') row[column] = `s-${c}`;
    else if (column === 'evidence_id') row[column] = `evidence-${c}`;
    else if (column === 'indicator_id') row[column] = `indicators-${c}`;
    else if (['id', 'number', 'display_id'].includes(column)) row[column] = `${table}-${c}`;
    else if (spec.endsWith('?')) row[column] = null;
    else row[column] = spec.startsWith('integer') ? 1 : spec.startsWith('blob') ? '\\x00' : `${column}-${c}`;
  }
  return row;
}

export function insertSql(table: TableName, row: Record<string, string | number | null>): string {
  const values = Object.values(row).map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`));
  return `INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${values.join(', ')});`;
}
