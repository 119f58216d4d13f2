import type { Selectable } from 'kysely';
import { AppError } from '../../../shared/contract';
import { programRulesDocumentSchema, type ProgramRulesDocument } from '../../../shared/domain/programRules/schema';
import { describeZodError } from '../zodMessages';
import type { Database } from './schema';
import type { Queries } from './store';

/**
 * The program's reporting rules as versions (table program_rules_versions,
 * migration 0007). A stored document is checked against the shared schema on
 * every read: one that fails is an integrity error, never silently ignored.
 */
export type ProgramRulesRow = Selectable<Database['program_rules_versions']>;

export interface ProgramRulesVersion {
  version: number;
  savedBy: string;
  savedAt: string;
  reason: string;
  document: ProgramRulesDocument;
}

export function rowToProgramRulesVersion(row: ProgramRulesRow): ProgramRulesVersion {
  let json: unknown;
  try {
    json = JSON.parse(row.document);
  } catch {
    throw new AppError('integrity', `Program rules version ${row.version} in the vault is not readable JSON.`);
  }
  const doc = programRulesDocumentSchema.safeParse(json);
  if (!doc.success) throw new AppError('integrity', `Program rules version ${row.version} in the vault is not a valid program rules document (${describeZodError(doc.error)}).`);
  return { version: row.version, savedBy: row.saved_by, savedAt: row.saved_at, reason: row.reason, document: doc.data };
}

export function programRulesVersionToRow(x: ProgramRulesVersion): ProgramRulesRow {
  return { version: x.version, document: JSON.stringify(x.document), saved_by: x.savedBy, saved_at: x.savedAt, reason: x.reason };
}

/** Every version, newest (the one in force) first. */
export async function listProgramRulesVersions(q: Queries): Promise<ProgramRulesVersion[]> {
  const rows = await q.selectFrom('program_rules_versions').selectAll().orderBy('version', 'desc').execute();
  return rows.map(rowToProgramRulesVersion);
}

/** The version in force (the newest), or null when the program has none. */
export async function currentProgramRulesVersion(q: Queries): Promise<ProgramRulesVersion | null> {
  const row = await q.selectFrom('program_rules_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? null : rowToProgramRulesVersion(row);
}

/** The newest version's number, 0 when the program has none. */
export async function lastProgramRulesVersion(q: Queries): Promise<number> {
  const { v } = await q.selectFrom('program_rules_versions').select((eb) => eb.fn.max('version').as('v')).executeTakeFirstOrThrow();
  return v ?? 0;
}

export async function insertProgramRulesVersion(q: Queries, x: ProgramRulesVersion): Promise<void> {
  await q.insertInto('program_rules_versions').values(programRulesVersionToRow(x)).execute();
}
