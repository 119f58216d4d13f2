import pg from 'pg';
import { roles, type Role } from '../../../../shared/domain/ids';
import { can, permissionMap, relations, type Operation, type Relation } from '../../../../shared/security/permissions';
import type { TableName } from '../schema';

const { escapeIdentifier, escapeLiteral } = pg;

/**
 * Who may read and write what on a hub, enforced by the PostgreSQL server and
 * derived from Offramp's one permission map (shared/security/permissions.ts).
 *
 * - Every Offramp user is a LOGIN role that is a member of one NOLOGIN group
 *   role per Offramp role (`offramp_analyst`, …). Table privileges go to the
 *   group roles: a group may read (write) a table when its Offramp role may do
 *   the table's read (write) operation under some relation to a case.
 * - Every case-scoped table has row-level security, enabled and forced: a row is
 *   visible when the caller's relation to its case allows `case.view`, and
 *   writable when it allows the table's write operation. The relation is worked
 *   out exactly as `relationOf` does (`offramp_case_relation` for one case,
 *   `offramp_cases_where` for the set a policy checks against): the program
 *   manager's from the role, the lead from cases.assigned_to, others from their
 *   case_members row, for the session's login role (`session_user`, which a
 *   client cannot change).
 * - The tables are owned by `offramp_owner` and the team lookup and the audit
 *   append belong to `offramp_gate`; both are NOLOGIN and no user is a member,
 *   so no client is an owner (who could disable or drop the policies).
 */
export const HUB_OWNER = 'offramp_owner';
export const HUB_GATE = 'offramp_gate';

/** The group role of an Offramp role. */
export function groupRole(role: Role): string {
  return `offramp_${role}`;
}

type TableRule =
  /** Rows belong to the case in `key`; reading needs `case.view`, writing `write`. */
  | { scope: 'case'; key: string; write: Operation | null }
  /** Rows belong to the case of their parent row (`fk` → `parent`.id). */
  | { scope: 'child'; parent: TableName; fk: string; write: Operation }
  /** Hub-wide: reading and writing by the role alone (null: no client writes it). */
  | { scope: 'hub'; read: Operation; write: Operation | null }
  /** A user's own rows (`owner` = the login role). */
  | { scope: 'own'; owner: string };

const caseTable = (write: Operation | null = 'case.edit'): TableRule => ({ scope: 'case', key: 'case_id', write });

/**
 * Every table of the schema map, with the operations that guard it. The type
 * demands an entry per table, so a new table cannot reach a hub unguarded.
 */
export const tableRules: Readonly<Record<TableName, TableRule>> = {
  actions: caseTable(),
  analysis_items: caseTable(),
  assessments: caseTable(),
  // Appended only by offramp_append_audit; the team reads its case's events, the manager the whole log.
  audit_events: { scope: 'case', key: 'case_id', write: null },
  case_edits: caseTable(),
  case_members: caseTable('team.change'),
  case_tags: caseTable(),
  case_team_changes: caseTable('team.change'),
  cases: { scope: 'case', key: 'id', write: 'case.edit' },
  checklist_items: caseTable(),
  custody_events: caseTable(),
  decision_reasons: caseTable(),
  determinations: caseTable(),
  evidence: caseTable(),
  evidence_chunks: { scope: 'child', parent: 'evidence', fk: 'evidence_id', write: 'case.edit' },
  home_counts: { scope: 'hub', read: 'program.dashboard', write: null },
  indicator_history: { scope: 'child', parent: 'indicators', fk: 'indicator_id', write: 'case.edit' },
  indicators: caseTable(),
  legal_holds: caseTable(),
  obligation_outcomes: { scope: 'hub', read: 'program.dashboard', write: null },
  obligations: caseTable(),
  packet_import_chunks: { scope: 'hub', read: 'case.import', write: 'case.import' },
  packet_recipients: { scope: 'hub', read: 'case.list', write: 'programRules.edit' },
  packets: caseTable('case.packet'),
  pending_obligations: caseTable(),
  pinned_signers: { scope: 'hub', read: 'case.list', write: 'case.import' },
  program_rules_versions: { scope: 'hub', read: 'case.list', write: 'programRules.edit' },
  reporting_records: caseTable(),
  reports: caseTable(),
  retention_rules: { scope: 'hub', read: 'case.list', write: 'programRules.edit' },
  reviews: caseTable(),
  // Workstation keyslot grants: a hub's users are its login roles instead.
  role_grants: { scope: 'hub', read: 'vault.addUser', write: null },
  saved_views: { scope: 'own', owner: 'owner' },
  search_items: caseTable(),
  settings: { scope: 'hub', read: 'case.list', write: 'programRules.edit' },
  strategies: caseTable(),
  subject_reveals: caseTable('case.reveal'),
  // A subject is seen through a case about them (policy below); anyone may open a case and so add one.
  subjects: { scope: 'hub', read: 'case.list', write: 'case.create' },
  // Added by hub_add_user only.
  users: { scope: 'hub', read: 'case.list', write: null },
};

/** The relations whose holder may do `op` (the program manager's included when the map allows it). */
function relationsFor(op: Operation): Relation[] {
  return permissionMap[op].filter((r) => r !== 'none');
}

/** Whether any user with `role` may do `op` under some relation to some case. */
function roleMay(role: Role, op: Operation): boolean {
  return relations.some((relation) => can({ name: '', role }, op, relation));
}

const list = (values: readonly string[]): string => `ARRAY[${values.map((v) => escapeLiteral(v)).join(', ')}]::text[]`;
/**
 * The policy condition "the caller's relation to the case in `keyExpr` allows `op`". Both parts are
 * evaluated once per query, not per row: the manager check as an init plan, the caller's cases with
 * an allowing relation as one hashed set.
 */
const relationIn = (keyExpr: string, op: Operation): string => {
  const allowed = relationsFor(op);
  const teams = `${keyExpr} IN (SELECT offramp_cases_where(${list(allowed.filter((r) => r !== 'program_manager'))}))`;
  return allowed.includes('program_manager') ? `((SELECT offramp_is_manager()) OR ${teams})` : teams;
};
const managerOnly = '(SELECT offramp_is_manager())';

/** The GRANT, row-level security and policy statements of one table. */
function tableAccessSql(table: TableName, rule: TableRule): string[] {
  const t = escapeIdentifier(table);
  const sql: string[] = [`REVOKE ALL ON ${t} FROM PUBLIC;`];
  const readOp: Operation = rule.scope === 'hub' ? rule.read : 'case.view';
  const writeOp: Operation | null = rule.scope === 'hub' || rule.scope === 'case' || rule.scope === 'child' ? rule.write : 'case.list';
  for (const role of roles) {
    const group = escapeIdentifier(groupRole(role));
    const privileges: string[] = [];
    if (roleMay(role, readOp)) privileges.push('SELECT');
    if (writeOp !== null && roleMay(role, writeOp)) privileges.push('INSERT', 'UPDATE', 'DELETE');
    if (privileges.length > 0) sql.push(`GRANT ${privileges.join(', ')} ON ${t} TO ${group};`);
  }
  if (rule.scope === 'hub') {
    if (table === 'subjects') {
      sql.push(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;`, `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY;`);
      const seen = `${managerOnly} OR EXISTS (SELECT 1 FROM cases c WHERE c.subject_id = ${t}.id)`;
      sql.push(`CREATE POLICY subjects_read ON ${t} FOR SELECT USING (${seen});`);
      sql.push(`CREATE POLICY subjects_add ON ${t} FOR INSERT WITH CHECK (true);`);
      sql.push(`CREATE POLICY subjects_change ON ${t} FOR UPDATE USING (${managerOnly} OR EXISTS (SELECT 1 FROM cases c WHERE c.subject_id = ${t}.id AND ${relationIn('c.id', 'case.edit')}));`);
      sql.push(`CREATE POLICY subjects_remove ON ${t} FOR DELETE USING (${managerOnly});`);
    }
    return sql;
  }
  sql.push(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;`, `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY;`);
  if (rule.scope === 'own') {
    const mine = `${escapeIdentifier(rule.owner)} = session_user`;
    sql.push(`CREATE POLICY ${table}_own ON ${t} USING (${mine}) WITH CHECK (${mine});`);
    return sql;
  }
  let readable: string;
  let writable: string | null;
  if (rule.scope === 'child') {
    const parent = escapeIdentifier(rule.parent);
    const through = (cond: string) => `EXISTS (SELECT 1 FROM ${parent} p WHERE p.id = ${t}.${escapeIdentifier(rule.fk)}${cond})`;
    // The parent's own policy narrows the subquery to the caller's cases.
    readable = through('');
    writable = through(` AND ${relationIn('p.case_id', rule.write)}`);
  } else {
    const key = `${t}.${escapeIdentifier(rule.key)}`;
    // A row of no case (a disposed case's packet record) is the manager's.
    readable = `CASE WHEN ${key} IS NULL THEN ${managerOnly} ELSE ${relationIn(key, 'case.view')} END`;
    writable = rule.write === null ? null : `CASE WHEN ${key} IS NULL THEN ${managerOnly} ELSE ${relationIn(key, rule.write)} END`;
  }
  sql.push(`CREATE POLICY ${table}_read ON ${t} FOR SELECT USING (${readable});`);
  if (writable === null) return sql;
  if (table === 'cases') {
    // Opening a case makes its opener the lead (or the manager opens it for someone). Its subject must be
    // one the opener may already see in full (every case about them visible, or none yet), so a case
    // cannot be opened, or pointed, at another team's subject to read who they are.
    sql.push(`CREATE POLICY cases_open ON ${t} FOR INSERT WITH CHECK (${managerOnly} OR (assigned_to = session_user AND offramp_subject_open(subject_id)));`);
    // Disposal of a case is the manager's.
    sql.push(`CREATE POLICY cases_remove ON ${t} FOR DELETE USING (${managerOnly});`);
  } else {
    sql.push(`CREATE POLICY ${table}_add ON ${t} FOR INSERT WITH CHECK (${writable});`);
    sql.push(`CREATE POLICY ${table}_remove ON ${t} FOR DELETE USING (${writable});`);
  }
  const keepsSubject = table === 'cases' ? ' AND offramp_subject_open(subject_id)' : '';
  sql.push(`CREATE POLICY ${table}_change ON ${t} FOR UPDATE USING (${writable}) WITH CHECK (${writable}${keepsSubject});`);
  return sql;
}

/**
 * The functions row-level security and the audit log rest on. They run as
 * offramp_gate (BYPASSRLS, so the team lookup does not recurse into the
 * policies it serves) with a fixed search_path, so a caller's own objects can
 * never stand in for the hub's tables.
 */
function gateFunctionsSql(): string[] {
  const manager = escapeLiteral(groupRole('program_manager'));
  const fixed = 'SECURITY DEFINER SET search_path = pg_catalog, public';
  return [
    `CREATE FUNCTION offramp_is_manager() RETURNS boolean LANGUAGE sql STABLE ${fixed} AS $$
  SELECT pg_has_role(session_user, ${manager}, 'MEMBER')
$$;`,
    `CREATE FUNCTION offramp_case_relation(p_case text) RETURNS text LANGUAGE sql STABLE ${fixed} AS $$
  SELECT CASE
    WHEN pg_has_role(session_user, ${manager}, 'MEMBER') THEN 'program_manager'
    WHEN EXISTS (SELECT 1 FROM public.cases WHERE id = p_case AND assigned_to = session_user) THEN 'lead'
    ELSE coalesce((SELECT case_role FROM public.case_members WHERE case_id = p_case AND user_name = session_user), 'none')
  END
$$;`,
    // The cases where the caller's relation is one of p_relations (lead, member, legal, viewer), as relationOf decides it.
    `CREATE FUNCTION offramp_cases_where(p_relations text[]) RETURNS SETOF text LANGUAGE sql STABLE ${fixed} AS $$
  SELECT id FROM public.cases WHERE assigned_to = session_user AND 'lead' = ANY (p_relations)
  UNION ALL
  SELECT m.case_id FROM public.case_members m
  WHERE m.user_name = session_user AND m.case_role = ANY (p_relations)
    AND NOT EXISTS (SELECT 1 FROM public.cases c WHERE c.id = m.case_id AND c.assigned_to = session_user)
$$;`,
    `CREATE FUNCTION offramp_subject_open(p_subject text) RETURNS boolean LANGUAGE sql STABLE ${fixed} AS $$
  SELECT pg_has_role(session_user, ${manager}, 'MEMBER')
    OR NOT EXISTS (SELECT 1 FROM public.cases c WHERE c.subject_id = p_subject AND NOT (offramp_case_relation(c.id) = ANY (${list(relationsFor('case.view'))})))
$$;`,
    // The same chain as vault/audit.ts: sha256(prev_hash || "\\n" || JSON [seq, at, actor, action, case_id, detail]).
    // One append at a time (a transaction-long lock), so concurrent clients never fork the chain.
    `CREATE FUNCTION offramp_append_audit(p_action text, p_case_id text, p_detail text) RETURNS bigint LANGUAGE plpgsql VOLATILE ${fixed} AS $$
DECLARE
  v_last record;
  v_seq bigint;
  v_prev text;
  v_at text;
  v_actor text := session_user;
BEGIN
  IF p_action IS NULL OR p_action !~ '^[a-z][a-zA-Z0-9_.-]{0,63}$' THEN
    RAISE EXCEPTION 'An audit action is a short name such as case.open.' USING ERRCODE = '22023';
  END IF;
  IF p_detail IS NULL OR jsonb_typeof(p_detail::jsonb) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION 'An audit detail is a JSON object.' USING ERRCODE = '22023';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('offramp.audit_events'));
  SELECT seq, hash INTO v_last FROM public.audit_events ORDER BY seq DESC LIMIT 1;
  v_seq := coalesce(v_last.seq, 0) + 1;
  v_prev := coalesce(v_last.hash, repeat('0', 64));
  v_at := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  INSERT INTO public.audit_events (seq, at, actor, action, case_id, detail, prev_hash, hash)
  VALUES (v_seq, v_at, v_actor, p_action, p_case_id, p_detail, v_prev, encode(sha256(convert_to(
    v_prev || E'\\n' || '[' || v_seq || ',' || to_json(v_at)::text || ',' || to_json(v_actor)::text || ',' || to_json(p_action)::text || ','
      || coalesce(to_json(p_case_id)::text, 'null') || ',' || to_json(p_detail)::text || ']', 'UTF8')), 'hex'));
  RETURN v_seq;
END
$$;`,
    `CREATE FUNCTION offramp_guard_lead() RETURNS trigger LANGUAGE plpgsql ${fixed} AS $$
BEGIN
  IF NEW.assigned_to IS DISTINCT FROM OLD.assigned_to AND NOT (offramp_case_relation(OLD.id) = ANY (${list(relationsFor('team.change'))})) THEN
    RAISE EXCEPTION 'Only the program manager or the case lead can change who leads a case.' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END
$$;`,
  ];
}

/** Safe hub user names: they become PostgreSQL role names. */
export const HUB_USER_NAME = /^[a-z][a-z0-9_]{1,62}$/;

/** Why `name` cannot be a hub user's login role, or null. */
export function hubUserNameProblem(name: string): string | null {
  if (!HUB_USER_NAME.test(name)) return 'a hub user name is 2 to 63 lowercase letters, digits or _, starting with a letter';
  if (name.startsWith('offramp_') || name.startsWith('pg_')) return 'names starting with offramp_ or pg_ are reserved';
  return null;
}

/**
 * Adds a hub user: run by the owner (CREATEROLE) on a program manager's
 * behalf. Anyone else's attempt is recorded in the audit log and refused. The
 * password arrives as a SCRAM verifier, so the server never sees it in clear.
 */
function addUserFunctionSql(): string {
  const fixed = 'SECURITY DEFINER SET search_path = pg_catalog, public';
  return `CREATE FUNCTION offramp_add_user(p_name text, p_role text, p_verifier text) RETURNS text LANGUAGE plpgsql VOLATILE ${fixed} AS $$
BEGIN
  IF NOT offramp_is_manager() THEN
    PERFORM offramp_append_audit('access.denied', NULL, json_build_object('operation', 'vault.addUser', 'relation', 'none')::text);
    RETURN 'forbidden';
  END IF;
  IF p_name IS NULL OR p_name !~ ${escapeLiteral(HUB_USER_NAME.source)} OR p_name LIKE 'offramp\\_%' OR p_name LIKE 'pg\\_%' THEN
    RAISE EXCEPTION 'That is not a safe hub user name.' USING ERRCODE = '22023';
  END IF;
  IF p_role IS NULL OR NOT (p_role = ANY (${list(roles)})) THEN
    RAISE EXCEPTION 'Unknown Offramp role.' USING ERRCODE = '22023';
  END IF;
  IF p_verifier IS NULL OR p_verifier !~ '^SCRAM-SHA-256\\$[0-9]+:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
    RAISE EXCEPTION 'A hub password arrives as a SCRAM-SHA-256 verifier.' USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_name) OR EXISTS (SELECT 1 FROM public.users WHERE name = p_name) THEN
    RETURN 'exists';
  END IF;
  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', p_name, p_verifier);
  EXECUTE format('GRANT %I TO %I', 'offramp_' || p_role, p_name);
  INSERT INTO public.users (name, role, created_at) VALUES (p_name, p_role, to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
  PERFORM offramp_append_audit('user.add', NULL, json_build_object('user', p_name, 'role', p_role)::text);
  RETURN 'added';
END
$$;`;
}

/**
 * Everything of a hub's access control, for a database whose tables exist and
 * are owned by HUB_OWNER; run by the cluster administrator at `hub init`.
 */
export function hubAccessSql(database: string): string[] {
  const db = escapeIdentifier(database);
  const owner = escapeIdentifier(HUB_OWNER);
  const gate = escapeIdentifier(HUB_GATE);
  const groups = roles.map((r) => escapeIdentifier(groupRole(r)));
  const sql: string[] = [
    `REVOKE ALL ON DATABASE ${db} FROM PUBLIC;`,
    `GRANT CONNECT ON DATABASE ${db} TO ${groups.join(', ')};`,
    `REVOKE ALL ON SCHEMA public FROM PUBLIC;`,
    `GRANT USAGE ON SCHEMA public TO ${[...groups, gate].join(', ')};`,
    `GRANT SELECT ON cases, case_members TO ${gate};`,
    `GRANT SELECT, INSERT ON audit_events TO ${gate};`,
    `GRANT SELECT ON hub_schema TO ${groups.join(', ')};`,
    // `hub backup`: pg_dump, run as the program manager, reads each sequence's position (SELECT lets it read, never advance one).
    `GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO ${escapeIdentifier(groupRole('program_manager'))};`,
    ...gateFunctionsSql(),
    `ALTER FUNCTION offramp_is_manager() OWNER TO ${gate};`,
    `ALTER FUNCTION offramp_case_relation(text) OWNER TO ${gate};`,
    `ALTER FUNCTION offramp_subject_open(text) OWNER TO ${gate};`,
    `ALTER FUNCTION offramp_cases_where(text[]) OWNER TO ${gate};`,
    `ALTER FUNCTION offramp_append_audit(text, text, text) OWNER TO ${gate};`,
    `CREATE TRIGGER cases_lead_guard BEFORE UPDATE OF assigned_to ON cases FOR EACH ROW EXECUTE FUNCTION offramp_guard_lead();`,
    `ALTER FUNCTION offramp_guard_lead() OWNER TO ${owner};`,
    addUserFunctionSql(),
    `ALTER FUNCTION offramp_add_user(text, text, text) OWNER TO ${owner};`,
    `REVOKE ALL ON FUNCTION offramp_is_manager(), offramp_case_relation(text), offramp_cases_where(text[]), offramp_subject_open(text), offramp_append_audit(text, text, text), offramp_add_user(text, text, text), offramp_guard_lead() FROM PUBLIC;`,
    `GRANT EXECUTE ON FUNCTION offramp_is_manager(), offramp_case_relation(text), offramp_cases_where(text[]), offramp_subject_open(text), offramp_append_audit(text, text, text), offramp_add_user(text, text, text) TO ${groups.join(', ')};`,
    `GRANT EXECUTE ON FUNCTION offramp_append_audit(text, text, text), offramp_is_manager(), offramp_case_relation(text) TO ${owner};`,
  ];
  for (const [table, rule] of Object.entries(tableRules) as [TableName, TableRule][]) sql.push(...tableAccessSql(table, rule));
  return sql;
}
