import { escapeIdentifier } from 'pg';
import type pg from 'pg';
import { AppError } from '../../../../shared/contract';
import { verifyAuditRows, type AuditRow } from '../../vault/audit';
import type { Db } from '../../vault/database';
import { tables, type TableName } from '../schema';
import { inTransaction } from './transaction';
import { groupRole, HUB_OWNER } from './access';

/**
 * Moving a workstation vault into a hub (`offramp hub import-vault`).
 *
 * The vault's case tables are copied row for row, in one transaction of the
 * program manager's hub login, so the server's row-level security and privileges
 * apply to the import like to any other write, and a failure leaves nothing. The
 * vault's own audit log cannot join the hub's chain (the server appends that one
 * event by event with its own clock); it is kept whole as imported history in
 * `imported_audit_events`, and the hub's chain records the import with the
 * imported log's event count and head hash, so the history can be verified on its
 * own and proven unchanged since. Neither table takes an update or a delete.
 */

/** Hub-only tables: not in the vault's schema map (no vault has them). */
export const HUB_IMPORT_TABLES = ['vault_imports', 'imported_audit_events'] as const;

/** The server's rule that a vault is imported once: two imports racing each other cannot both commit. */
export const ONE_IMPORT_PER_VAULT = 'vault_imports_one_per_vault';

/**
 * The vault's tables that are not copied, and why: the hub keeps its own
 * configuration, users and derived tables; the audit log travels as imported history.
 */
export const NOT_IMPORTED: Readonly<Partial<Record<TableName, string>>> = {
  audit_events: 'kept as imported history',
  home_counts: 'derived from the cases',
  search_items: "the workstation's own full-text index",
  role_grants: "the workstation's keyslot grants; hub users are the server's login roles",
  users: "the workstation's users; a hub user is added with offramp hub add-user",
  settings: "the hub's own",
  program_rules_versions: "the hub's own",
  retention_rules: "the hub's own",
  packet_recipients: "the hub's own",
  pinned_signers: "the hub's own",
  packet_import_chunks: 'an unfinished packet import',
  saved_views: "a workstation user's own",
};

/**
 * DDL of the hub-only tables, run by `hub init` as the schema's owner. They are
 * outside the migration registry that numbers the hub's schema (schema.ts) and
 * have no upgrade step: `hub init` creates them whole, the one-import-per-vault
 * constraint included, and no released Offramp made them without it. A later
 * change to them needs a step of its own.
 */
export function hubImportTablesSql(): string[] {
  return [
    `CREATE TABLE vault_imports (id text PRIMARY KEY, vault_id text NOT NULL CONSTRAINT ${ONE_IMPORT_PER_VAULT} UNIQUE, imported_at text NOT NULL, imported_by text NOT NULL, cases bigint NOT NULL, events bigint NOT NULL, head_seq bigint NOT NULL, head_hash text NOT NULL)`,
    `CREATE TABLE imported_audit_events (import_id text NOT NULL REFERENCES vault_imports(id), seq bigint NOT NULL, at text NOT NULL, actor text NOT NULL, action text NOT NULL, case_id text, detail text NOT NULL, prev_hash text NOT NULL, hash text NOT NULL, PRIMARY KEY (import_id, seq))`,
  ];
}

/** Privileges and policies of the hub-only tables: the program manager reads and adds; no one updates or deletes. */
export function hubImportAccessSql(): string[] {
  const manager = escapeIdentifier(groupRole('program_manager'));
  const sql: string[] = [];
  for (const table of HUB_IMPORT_TABLES) {
    sql.push(`ALTER TABLE ${table} OWNER TO ${escapeIdentifier(HUB_OWNER)};`);
    sql.push(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;`, `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;`);
    sql.push(`REVOKE ALL ON ${table} FROM PUBLIC;`);
    sql.push(`GRANT SELECT, INSERT ON ${table} TO ${manager};`);
    sql.push(`CREATE POLICY ${table}_manager ON ${table} FOR ALL TO ${manager} USING (true) WITH CHECK (true);`);
  }
  return sql;
}

/** Tables copied, parents before children (by the vault's own foreign keys). */
export function importOrder(db: Db): TableName[] {
  const names = (Object.keys(tables) as TableName[]).filter((t) => NOT_IMPORTED[t] === undefined);
  const parents = new Map<TableName, Set<string>>();
  for (const t of names) {
    const refs: unknown[] = db.prepare('SELECT "table" FROM pragma_foreign_key_list(?)').pluck().all(t);
    parents.set(t, new Set(refs.map(String)));
  }
  const done: TableName[] = [];
  const left = new Set(names);
  while (left.size > 0) {
    const ready = [...left].filter((t) => [...(parents.get(t) ?? [])].every((p) => p === t || !left.has(p as TableName)));
    if (ready.length === 0) throw new AppError('internal', `The vault's tables refer to each other in a cycle (${[...left].join(', ')}).`);
    for (const t of ready.sort()) {
      done.push(t);
      left.delete(t);
    }
  }
  return done;
}

/** A vault table's columns that are copied: all but the engine-numbered row id. */
function copiedColumns(table: TableName): string[] {
  return Object.entries(tables[table])
    .filter(([, spec]) => !spec.endsWith('+'))
    .map(([column]) => column);
}

/** One audit row as `.raw()` gives it, checked column by column. */
function auditRowOf(row: unknown): AuditRow {
  if (!Array.isArray(row) || row.length !== 8) throw new AppError('integrity', 'An audit event of the vault is not in the expected shape. Nothing was imported.');
  const values: unknown[] = row;
  const [seq, at, actor, action, caseId, detail, prevHash, hash] = values;
  const text = (v: unknown): string => {
    if (typeof v !== 'string') throw new AppError('integrity', `Audit event ${String(seq)} of the vault has a value that is not text. Nothing was imported.`);
    return v;
  };
  if (typeof seq !== 'number' && typeof seq !== 'bigint') throw new AppError('integrity', 'An audit event of the vault has no sequence number. Nothing was imported.');
  return { seq: Number(seq), at: text(at), actor: text(actor), action: text(action), case_id: caseId === null ? null : text(caseId), detail: text(detail), prev_hash: text(prevHash), hash: text(hash) };
}

/** The vault's audit log, verified whole: an import of a broken chain is refused. */
export function verifiedVaultAudit(db: Db): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const row of db.prepare('SELECT seq, at, actor, action, case_id, detail, prev_hash, hash FROM audit_events ORDER BY seq').raw().iterate()) {
    rows.push(auditRowOf(row));
  }
  const check = verifyAuditRows(rows);
  if (!check.ok) {
    throw new AppError('integrity', `The vault's audit log does not verify (event ${check.firstBroken?.seq ?? '?'}: ${check.firstBroken?.reason ?? 'broken'}). Nothing was imported.`);
  }
  return rows;
}

export interface VaultImportInput {
  readonly db: Db;
  readonly vaultId: string;
  readonly importId: string;
  readonly audit: readonly AuditRow[];
  readonly at: string;
}

export interface VaultImportResult {
  readonly importId: string;
  readonly cases: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly auditEvents: number;
  readonly auditHead: { readonly seq: number; readonly hash: string };
  /** Leads and team members of imported cases who have no hub login yet (they see nothing until added). */
  readonly usersWithoutLogin: readonly string[];
  readonly notImported: Readonly<Partial<Record<TableName, string>>>;
}

const BATCH = 200;

/** Copies the vault into the hub in one transaction of `client` (a program manager's session). */
export async function importVaultInto(client: pg.Client, input: VaultImportInput): Promise<VaultImportResult> {
  const me = await client.query<{ role: string | null }>('SELECT (SELECT role FROM users WHERE name = current_user) AS role');
  if (me.rows[0]?.role !== 'program_manager') throw new AppError('forbidden', 'You may not import a vault. Your role does not allow it. Only a program manager can. Nothing was changed.');
  const head = input.audit.at(-1);
  if (head === undefined) throw new AppError('invalid_input', 'The vault has no audit log. Nothing was imported.');
  try {
    return await inTransaction(client, () => copyVault(client, input, head));
  } catch (error) {
    // Another import of this vault committed after this one's check: the server's
    // constraint refused the second row and the transaction was rolled back whole.
    // The winner's row is visible now, so the refusal reads as the sequential one.
    if (isUniqueViolation(error, ONE_IMPORT_PER_VAULT)) await refuseImportedVault(client, input.vaultId);
    throw error;
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505' && 'constraint' in error && error.constraint === constraint;
}

/** Throws the clear refusal when the hub already records an import of this vault. */
async function refuseImportedVault(client: pg.Client, vaultId: string): Promise<void> {
  const already = await client.query<{ id: string; imported_at: string; imported_by: string }>('SELECT id, imported_at, imported_by FROM vault_imports WHERE vault_id = $1', [vaultId]);
  const row = already.rows[0];
  if (row !== undefined) throw new AppError('conflict', `This vault was imported into the hub before (import ${row.id}, at ${row.imported_at}, by ${row.imported_by}). Nothing was changed.`);
}

/**
 * The import's writes, inside the caller's transaction. The record of the import
 * is written first: a second import of the same vault waits there on the server's
 * unique constraint until the first ends, and copies nothing when it committed.
 */
async function copyVault(client: pg.Client, input: VaultImportInput, head: AuditRow): Promise<VaultImportResult> {
  const { db } = input;
  await refuseImportedVault(client, input.vaultId);
  const caseIds = db.prepare('SELECT id FROM cases ORDER BY id').pluck().all().map(String);
  const clash = await client.query<{ id: string }>('SELECT id FROM cases WHERE id = ANY ($1::text[]) LIMIT 5', [caseIds]);
  if (clash.rows.length > 0) throw new AppError('conflict', `The hub already has case${clash.rows.length > 1 ? 's' : ''} ${clash.rows.map((r) => r.id).join(', ')} of this vault. Nothing was changed.`);
  await client.query('INSERT INTO vault_imports (id, vault_id, imported_at, imported_by, cases, events, head_seq, head_hash) VALUES ($1, $2, $3, current_user, $4, $5, $6, $7)', [
    input.importId,
    input.vaultId,
    input.at,
    caseIds.length,
    input.audit.length,
    head.seq,
    head.hash,
  ]);
  const counts: Record<string, number> = {};
  for (const table of importOrder(db)) {
    const columns = copiedColumns(table);
    // Subjects are shared by the hub's cases; only those of the vault's cases are copied.
    const where = table === 'subjects' ? ' WHERE id IN (SELECT subject_id FROM cases)' : '';
    const select = db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"${where}`).raw();
    let batch: unknown[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const params: unknown[] = [];
      const tuples = batch.map((row) => `(${(Array.isArray(row) ? row : []).map((value: unknown) => `$${params.push(value)}`).join(', ')})`);
      await client.query(`INSERT INTO ${escapeIdentifier(table)} (${columns.map(escapeIdentifier).join(', ')}) VALUES ${tuples.join(', ')}`, params);
      batch = [];
    };
    let n = 0;
    for (const row of select.iterate()) {
      batch.push(row);
      n += 1;
      // Evidence chunks are up to 256 KiB each: a few at a time, so the batch stays small.
      if (batch.length >= (table === 'evidence_chunks' || table === 'evidence' ? 4 : BATCH)) await flush();
    }
    await flush();
    counts[table] = n;
  }
  for (let i = 0; i < input.audit.length; i += BATCH) {
    const params: unknown[] = [input.importId];
    const tuples = input.audit.slice(i, i + BATCH).map((e) => `($1, ${[e.seq, e.at, e.actor, e.action, e.case_id, e.detail, e.prev_hash, e.hash].map((v) => `$${params.push(v)}`).join(', ')})`);
    await client.query(`INSERT INTO imported_audit_events (import_id, seq, at, actor, action, case_id, detail, prev_hash, hash) VALUES ${tuples.join(', ')}`, params);
  }
  await client.query('SELECT offramp_append_audit($1, NULL, $2)', [
    'vault.import',
    JSON.stringify({ importId: input.importId, vaultId: input.vaultId, cases: caseIds.length, events: input.audit.length, headSeq: head.seq, headHash: head.hash }),
  ]);
  const members = db.prepare('SELECT user_name FROM case_members UNION SELECT assigned_to FROM cases WHERE assigned_to IS NOT NULL ORDER BY 1').pluck().all().map(String);
  const known = await client.query<{ name: string }>('SELECT name FROM users WHERE name = ANY ($1::text[])', [members]);
  const knownNames = new Set(known.rows.map((r) => r.name));
  return {
    importId: input.importId,
    cases: caseIds.length,
    rows: counts,
    auditEvents: input.audit.length,
    auditHead: { seq: head.seq, hash: head.hash },
    usersWithoutLogin: members.filter((m) => !knownNames.has(m)),
    notImported: NOT_IMPORTED,
  };
}

export interface ImportedHistoryCheck {
  readonly importId: string;
  readonly vaultId: string;
  readonly events: number;
  readonly ok: boolean;
  readonly problem: string | null;
}

/**
 * Verifies every imported history: its own chain, and that its count and head are
 * the ones the hub's chain recorded when it was imported.
 */
export async function verifyImportedHistory(client: pg.Client): Promise<ImportedHistoryCheck[]> {
  const imports = await client.query<{ id: string; vault_id: string; events: string; head_seq: string; head_hash: string }>('SELECT id, vault_id, events, head_seq, head_hash FROM vault_imports ORDER BY imported_at, id');
  const recorded = await client.query<{ detail: string }>("SELECT detail FROM audit_events WHERE action = 'vault.import' ORDER BY seq");
  const anchors = new Map<string, { events: number; headSeq: number; headHash: string }>();
  for (const r of recorded.rows) {
    const d: unknown = JSON.parse(r.detail);
    if (typeof d === 'object' && d !== null && 'importId' in d && typeof d.importId === 'string' && 'events' in d && 'headSeq' in d && 'headHash' in d) {
      anchors.set(d.importId, { events: Number(d.events), headSeq: Number(d.headSeq), headHash: String(d.headHash) });
    }
  }
  const out: ImportedHistoryCheck[] = [];
  for (const imp of imports.rows) {
    const rows = await client.query<Omit<AuditRow, 'seq'> & { seq: string }>('SELECT seq, at, actor, action, case_id, detail, prev_hash, hash FROM imported_audit_events WHERE import_id = $1 ORDER BY seq', [imp.id]);
    const events = rows.rows.map((r) => ({ ...r, seq: Number(r.seq) }));
    const chain = verifyAuditRows(events);
    const anchor = anchors.get(imp.id);
    const last = events.at(-1);
    let problem: string | null = null;
    if (!chain.ok) problem = `the imported chain breaks at event ${chain.firstBroken?.seq ?? '?'} (${chain.firstBroken?.reason ?? ''})`;
    else if (anchor === undefined) problem = "the hub's audit log has no record of this import";
    else if (anchor.events !== events.length || anchor.headSeq !== last?.seq || anchor.headHash !== last.hash) problem = "the imported history is not the one the hub's audit log recorded at import";
    out.push({ importId: imp.id, vaultId: imp.vault_id, events: events.length, ok: problem === null, problem });
  }
  return out;
}
