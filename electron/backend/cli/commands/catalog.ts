import { responseOptions } from '../../../../shared/domain/catalog/options';
import { citationsText } from '../../../../shared/domain/citation';
import { exitCodes } from '../exitCodes';
import { flag, type CliCommand } from '../types';

const help = `Usage: offramp catalog [--json]

Lists every response option of the catalog with its discipline, type
(individual or organizational), target (person, victim or environment) and the
guide section it comes from. These are the ids a plan names in "offramp evaluate".

Options:
  --json    print [{ "id", "label", "discipline", "type", "target", "source" }]
`;

export interface CatalogRow {
  id: string;
  label: string;
  discipline: string;
  type: string;
  target: string;
  source: string;
}

export function catalogRows(): CatalogRow[] {
  return responseOptions.map((o) => ({
    id: o.id,
    label: o.label,
    discipline: o.discipline,
    type: o.type,
    target: o.target,
    source: citationsText([o.source, ...o.alsoIn]),
  }));
}

function table(rows: readonly CatalogRow[]): string {
  const columns = ['id', 'discipline', 'type', 'target', 'label'] as const;
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n');
}

export const catalogCommand: CliCommand = {
  path: ['catalog'],
  summary: 'The response-option catalog (ids for plans), with --json for programs',
  help,
  options: { json: { type: 'boolean' } },
  run(args, io) {
    const rows = catalogRows();
    if (flag(args, 'json')) io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    else io.stdout(`${table(rows)}\n\n${rows.length} response options. "offramp catalog --json" adds each option's source.\n`);
    return Promise.resolve(exitCodes.ok);
  },
};
