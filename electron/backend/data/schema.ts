import type { Generated } from 'kysely';

/**
 * The vault's tables as the data layer sees them: every table of the migrations,
 * each column with its storage class and whether it may be NULL or has a default.
 * The `Database` type Kysely checks every query against is derived from this one
 * map, and `schema.test.ts` compares the map with a migrated vault's own
 * `PRAGMA table_xinfo`, so the types cannot drift from the migrations.
 *
 * A column is written `storage` plus one mark:
 * - none: NOT NULL, no default (must be given on insert);
 * - `?`: may be NULL;
 * - `=`: NOT NULL with a default (may be left out on insert);
 * - `+`: INTEGER PRIMARY KEY, the row id (numbered by the engine).
 *
 * The full-text indexes (`search_fts`, `search_case_fts` and their shadow
 * tables, and `search_case_stale`, the list of cases whose row of the case index
 * is due to be rebuilt) are engine-specific (FTS5 here, a tsvector column on
 * PostgreSQL) and stay out of this map: only the engine module reaches them.
 */
export const tables = {
  actions: { id: 'text', case_id: 'text', strategy_id: 'text?', option_id: 'text', owner_discipline: 'text', owner_person: 'text=', status: 'text', due_on: 'text?', notes: 'text=', legal_signoff_by: 'text?', legal_signoff_at: 'text?', warning_justification: 'text=', created_by: 'text', created_at: 'text', updated_at: 'text' },
  analysis_items: { id: 'text', case_id: 'text', kind: 'text', text: 'text', question_kind: 'text?', answer: 'text=', sources: 'text=', status: 'text=', justified: 'integer?', impact: 'text=', discipline: 'text?', created_by: 'text', created_at: 'text', updated_at: 'text' },
  assessments: { id: 'text', case_id: 'text', interest: 'text=', motive: 'text=', ability: 'text=', imminence: 'text', risk: 'text', rationale: 'text', le_criteria: 'text=', is_final: 'integer=', assessed_by: 'text', assessed_at: 'text' },
  audit_events: { seq: 'integer+', at: 'text', actor: 'text', action: 'text', case_id: 'text?', detail: 'text', prev_hash: 'text', hash: 'text' },
  case_edits: { id: 'text', case_id: 'text', target: 'text', target_id: 'text?', changes: 'text', reason: 'text', edited_by: 'text', edited_at: 'text' },
  case_members: { case_id: 'text', user_name: 'text', case_role: 'text=' },
  case_tags: { case_id: 'text', tag: 'text', added_by: 'text', added_at: 'text' },
  case_team_changes: { id: 'text', case_id: 'text', at: 'text', actor: 'text', change: 'text', user_name: 'text', case_role: 'text?', reason: 'text' },
  cases: { id: 'text', number: 'text', subject_id: 'text', title: 'text', program: 'text', status: 'text', risk: 'text', furthest_stage: 'text?', assigned_to: 'text?', created_by: 'text', created_at: 'text', updated_at: 'text', last_activity_at: 'text', next_review: 'text?', legal_hold: 'integer=', closed_at: 'text?', closure_reason: 'text?', source_packet_id: 'text?', search_key: 'integer?' },
  checklist_items: { case_id: 'text', item_id: 'text', addressed: 'integer=', note: 'text=', updated_by: 'text', updated_at: 'text' },
  custody_events: { id: 'integer+', case_id: 'text', evidence_id: 'text?', at: 'text', actor: 'text', action: 'text', detail: 'text=' },
  decision_reasons: { id: 'text', case_id: 'text', kind: 'text', target_id: 'text?', reason: 'text', actor: 'text', at: 'text' },
  determinations: { case_id: 'text', fact_id: 'text', value: 'text', note: 'text=', updated_by: 'text', updated_at: 'text' },
  evidence: { id: 'text', case_id: 'text', name: 'text', media_type: 'text', size: 'integer', sha256: 'text', content: 'blob', received_on: 'text', source: 'text=', created_by: 'text', created_at: 'text' },
  evidence_chunks: { evidence_id: 'text', seq: 'integer', data: 'blob' },
  home_counts: { bucket: 'text', key: 'text', n: 'integer' },
  indicator_history: { id: 'integer+', indicator_id: 'text', version: 'integer', changed_at: 'text', changed_by: 'text', snapshot: 'text' },
  indicators: { id: 'text', case_id: 'text', report_id: 'text?', category: 'text', stage: 'text', observed_on: 'text', summary: 'text', detail: 'text=', source: 'text', corroboration: 'text', basis: 'text', version: 'integer=', created_by: 'text', created_at: 'text', updated_at: 'text' },
  legal_holds: { case_id: 'text', reference: 'text=', placed_by: 'text', placed_at: 'text' },
  obligation_outcomes: { outcome: 'text', n: 'integer' },
  obligations: { case_id: 'text', recipient: 'text', basis: 'text', citation: 'text', timing: 'text', computed_at: 'text' },
  packet_import_chunks: { import_id: 'text', file: 'text', seq: 'integer', data: 'blob' },
  packet_recipients: { id: 'text', name: 'text', agency: 'text', age_key: 'text', fingerprint: 'text', added_by: 'text', added_at: 'text', updated_by: 'text', updated_at: 'text' },
  packets: { packet_id: 'text', direction: 'text', case_id: 'text?', case_number: 'text', recipient: 'text', profile: 'text', purpose: 'text', training: 'integer', file_name: 'text', medium_path: 'text?', packet_sha256: 'text', manifest_sha256: 'text', signer_fingerprint: 'text', encryption: 'text', at: 'text', actor: 'text' },
  pending_obligations: { case_id: 'text', recipient: 'text' },
  pinned_signers: { fingerprint: 'text', label: 'text', public_key: 'text', pinned_by: 'text', pinned_at: 'text' },
  program_rules_versions: { version: 'integer+', document: 'text', saved_by: 'text', saved_at: 'text', reason: 'text' },
  reporting_records: { id: 'text', case_id: 'text', recipient: 'text', outcome: 'text', reported_on: 'text?', method: 'text=', reference: 'text=', reported_by: 'text=', justification: 'text=', recorded_by: 'text', recorded_at: 'text' },
  reports: { id: 'text', case_id: 'text', received_on: 'text', how_received: 'text', reporter: 'text=', reporter_confidential: 'integer=', narrative: 'text', created_by: 'text', created_at: 'text' },
  retention_rules: { status: 'text', program: 'text', years: 'integer', measured_from: 'text', authority: 'text', updated_by: 'text', updated_at: 'text' },
  reviews: { id: 'text', case_id: 'text', held_on: 'text', what_changed: 'text=', effectiveness: 'text=', new_indicators: 'text=', coordination: 'text=', next_review: 'text?', reviewed_by: 'text', created_at: 'text' },
  role_grants: { seq: 'integer+', kind: 'text', vault_id: 'text', user_name: 'text', role: 'text?', user_key: 'text', granted_by: 'text', signer_key: 'text', at: 'text', prev_hash: 'text', hash: 'text', signature: 'text' },
  saved_views: { id: 'text', owner: 'text', name: 'text', filters: 'text', created_at: 'text' },
  search_items: { rowid: 'integer+', case_id: 'text', kind: 'text', item_id: 'text' },
  settings: { key: 'text', value: 'text' },
  strategies: { id: 'text', case_id: 'text', title: 'text', created_by: 'text', created_at: 'text' },
  subject_reveals: { id: 'text', case_id: 'text', actor: 'text', at: 'text', reason: 'text' },
  subjects: { id: 'text', display_id: 'text', real_name: 'text', employee_id: 'text=', org_unit: 'text=', position: 'text=', clearance: 'text=', facility_access: 'text=', system_access: 'text=', created_at: 'text' },
  users: { name: 'text', role: 'text', created_at: 'text', removed_at: 'text?' },
} as const satisfies Record<string, Record<string, ColumnSpec>>;

type Storage = 'text' | 'integer' | 'real' | 'blob';
type Mark = '' | '?' | '=' | '+';
export type ColumnSpec = `${Storage}${Mark}`;

type StorageType<S extends Storage> = S extends 'text' ? string : S extends 'integer' | 'real' ? number : Buffer;

type ColumnType<C> = C extends `${infer S extends Storage}?`
  ? StorageType<S> | null
  : C extends `${infer S extends Storage}${'=' | '+'}`
    ? Generated<StorageType<S>>
    : C extends Storage
      ? StorageType<C>
      : never;

type Tables = typeof tables;

/** Every table of the vault, as Kysely's database type. */
export type Database = { [T in keyof Tables]: { -readonly [C in keyof Tables[T]]: ColumnType<Tables[T][C]> } };

export type TableName = keyof Database;

/**
 * Tables the engine creates for the full-text index (FTS5: the virtual table and
 * its shadow tables). Listed so the schema test can tell them from a table missing
 * from the map above.
 */
export const ENGINE_TABLES: readonly string[] = [
  'search_fts',
  'search_fts_config',
  'search_fts_data',
  'search_fts_docsize',
  'search_fts_idx',
  'search_case_fts',
  'search_case_fts_config',
  'search_case_fts_data',
  'search_case_fts_docsize',
  'search_case_fts_idx',
  'search_case_stale',
];
