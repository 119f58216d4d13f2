import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError, type MethodOutput } from '../../../shared/contract';
import { reportingRules } from '../../../shared/domain/reporting/rules';
import { PROGRAM_RULES_FORMAT, programRulesDocumentSchema, type ProgramRulesDocument } from '../../../shared/domain/programRules/schema';
import type { HostServices } from '../context';
import { describeZodError } from '../zodMessages';
import { appendAudit } from '../vault/audit';
import type { VaultSession } from '../vault/session';
import { storeOf } from '../data';
import { openCaseIds } from '../data/cases';
import { insertProgramRulesVersion, lastProgramRulesVersion, listProgramRulesVersions } from '../data/programRules';
import { recomputeObligations } from './casework';
import { currentProgramRules } from './programRulesStore';

export { currentProgramRules, programRuleSource, programRulesForEvaluation, type ProgramRulesVersion } from './programRulesStore';

/**
 * The program's own reporting rules (thresholds, internal recipients, timings),
 * kept in the vault as versions: every save validates the whole document with
 * the shared schema, adds a version with who, when and why, and is audited. The
 * newest version is in force for every evaluation the app makes; the shipped
 * rules stay read-only (the schema refuses a program rule that reuses their ids).
 */

/** The operation a program manager alone may perform. */
export const PROGRAM_RULES_EDIT_OPERATION = 'programRules.edit';

/**
 * The check for `programRules.edit`: only a program manager changes the
 * program's rules. A refusal is itself recorded in the audit log, then refused.
 */
export function authorizeProgramRulesEdit(session: VaultSession, now: Date): void {
  if (session.user.role === 'program_manager') return;
  appendAudit(session.db, { actor: session.user.name, action: 'programRules.edit_refused', detail: { operation: PROGRAM_RULES_EDIT_OPERATION, role: session.user.role } }, now);
  throw new AppError('forbidden', "Only a program manager can change the program's reporting rules.");
}

export async function getProgramRules(session: VaultSession): Promise<MethodOutput<'programRules.get'>> {
  const versions = await listProgramRulesVersions(storeOf(session).q);
  return {
    current: versions[0] ?? null,
    history: versions.map((v) => ({ version: v.version, savedBy: v.savedBy, savedAt: v.savedAt, reason: v.reason, ruleCount: v.document.rules.length })),
    shipped: reportingRules.map((r) => ({ id: r.id, programs: [...r.programs], recipient: r.recipient, basis: r.basis, citation: r.citation, timing: r.timing })),
    canEdit: session.user.role === 'program_manager',
  };
}

/**
 * Saves the rules as the next version and recomputes the obligations of every
 * case that is not closed, in one transaction. The whole document is validated
 * with the shared schema first; a refused or invalid save changes nothing but
 * the audit log's record of a refusal.
 */
export async function saveProgramRules(session: VaultSession, input: { rules: unknown[]; reason: string }, now: Date): Promise<{ version: number }> {
  authorizeProgramRulesEdit(session, now);
  const reason = input.reason.trim();
  if (reason.length === 0) throw new AppError('invalid_input', 'Reason: say why the rules change.');
  const { db, user } = session;
  return storeOf(session).transaction(async (tx) => {
    const version = (await lastProgramRulesVersion(tx)) + 1;
    const savedAt = now.toISOString();
    const parsed = programRulesDocumentSchema.safeParse({ format: PROGRAM_RULES_FORMAT, revision: version, savedAt, savedBy: user.name, rules: input.rules });
    if (!parsed.success) throw new AppError('invalid_input', `The program rules were not saved: ${describeZodError(parsed.error)}.`);
    await insertProgramRulesVersion(tx, { version, document: parsed.data, savedBy: user.name, savedAt, reason });
    // Open cases' obligations follow the new version at once; a closed case keeps what it was closed with.
    const open = await openCaseIds(tx);
    for (const id of open) await recomputeObligations(tx, id, now);
    appendAudit(db, { actor: user.name, action: 'programRules.save', detail: { version, reason, rules: parsed.data.rules.map((r) => r.id), casesRecomputed: open.length } }, now);
    return { version };
  });
}

/** The exported file: exactly the document `offramp evaluate --rules` reads. */
export function programRulesFileText(doc: ProgramRulesDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Writes the rules in force to a file the user chooses in the save dialog:
 * through a synced temporary file renamed into place in the same transaction as
 * the audit event, so there is never a file without its record or the reverse.
 */
export async function exportProgramRules(session: VaultSession, host: HostServices | undefined, now: () => Date): Promise<MethodOutput<'programRules.export'>> {
  if (host === undefined) throw new AppError('io', 'Exporting needs the Offramp window; this backend has none.');
  const current = await currentProgramRules(storeOf(session).q);
  if (current === null) throw new AppError('conflict', 'There are no program rules to export yet. Add a rule and save it first.');
  const path = await host.chooseSavePath({ title: 'Export program rules', defaultName: `program-rules-v${current.version}.json`, extension: 'json' });
  if (path === null) return { done: false, path: null, version: null };
  const bytes = Buffer.from(programRulesFileText(current.document), 'utf8');
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
      appendAudit(session.db, { actor: session.user.name, action: 'programRules.export', detail: { version: current.version, bytes: bytes.byteLength } }, now());
      renameSync(temp, path);
    })();
  } catch (error) {
    rmSync(temp, { force: true });
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError('io', `The program rules could not be written there (${code}). Nothing was saved.`);
  }
  return { done: true, path, version: current.version };
}
