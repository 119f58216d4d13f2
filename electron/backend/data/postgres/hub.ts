import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { sql } from 'kysely';
import pg from 'pg';
import { AppError } from '../../../../shared/contract';
import { roles, type Role } from '../../../../shared/domain/ids';
import type { AuditInput, AuditRow } from '../../vault/audit';
import type { Queries } from '../store';
import { groupRole, HUB_GATE, HUB_OWNER, hubAccessSql, hubUserNameProblem } from './access';
import { hubImportAccessSql, hubImportTablesSql } from './hubImport';
import { inTransaction } from './transaction';
import { checkHubSchemaVersion, HUB_SCHEMA_VERSION, HUB_VERSION_TABLE, hubSchemaSteps } from './schema';

const { Client, escapeIdentifier, escapeLiteral } = pg;

/** Where a hub is: `postgresql://HOST[:PORT]/DATABASE`, never with a password in it. */
export interface HubAddress {
  readonly host: string;
  readonly port: number;
  readonly database: string;
}

/** A login to a hub: its address, the CA its certificate must chain to, and a user's password. */
export interface HubLogin {
  readonly address: HubAddress;
  /** PEM text of the hub's CA. */
  readonly ca: string;
  readonly user: string;
  readonly password: string;
}

export function parseHubAddress(text: string): HubAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('invalid_input', `"${text}" is not a hub address; write postgresql://HOST[:PORT]/DATABASE.`);
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') throw new AppError('invalid_input', `A hub address starts with postgresql:// (not ${url.protocol}//).`);
  if (url.username !== '' || url.password !== '') throw new AppError('invalid_input', 'A hub address names no user or password: give the user with --user and the password in a file.');
  if (url.search !== '' || url.hash !== '') throw new AppError('invalid_input', 'A hub address takes no options after the database name (TLS is always verified against --ca).');
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z_][A-Za-z0-9_-]{0,62}$/.test(database)) throw new AppError('invalid_input', 'A hub address ends with the database name: postgresql://HOST[:PORT]/DATABASE.');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new AppError('invalid_input', 'A hub address names the server: postgresql://HOST[:PORT]/DATABASE.');
  return { host, port: url.port === '' ? 5432 : Number(url.port), database };
}

/** Checks that a CA file holds a PEM certificate before any connection is tried. */
export function requireCaPem(text: string, path: string): string {
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(text)) {
    throw new AppError('invalid_input', `${path} holds no PEM certificate: --ca names the file of the CA that signed the hub's certificate.`);
  }
  return text;
}

/**
 * The connection settings of a hub login: TLS always, the server's certificate
 * verified against the hub's CA only and its name checked against the host
 * (libpq's sslmode=verify-full).
 */
export function hubClientConfig(login: HubLogin): pg.ClientConfig {
  const { host, port, database } = login.address;
  return {
    host,
    port,
    database,
    user: login.user,
    password: login.password,
    connectionTimeoutMillis: 10_000,
    ssl: {
      ca: login.ca,
      rejectUnauthorized: true,
      ...(isIP(host) === 0 ? { servername: host } : {}),
      checkServerIdentity: (_name: string, cert: PeerCertificate) => checkServerIdentity(host, cert),
    },
  };
}

const TLS_FAILURES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|ALTNAME/;

/** A connection or server error in the product's words, with the code the CLI maps to an exit code. */
export function hubError(error: unknown, address: HubAddress): AppError {
  if (error instanceof AppError) return error;
  const e = error as { code?: string; message?: string };
  const where = `${address.host}:${address.port}`;
  const code = e.code ?? '';
  if (TLS_FAILURES.test(code) || /certificate|self.signed/i.test(e.message ?? '')) {
    return new AppError('integrity', `The server at ${where} did not prove it is the hub: its certificate does not verify against the given CA (${e.message ?? code}). Nothing was changed.`);
  }
  if (code === '28P01' || code === '28000') return new AppError('auth_failed', `The hub refused the login: wrong user name or password. Nothing was changed.`);
  if (code === '3D000') return new AppError('invalid_input', `The hub server has no database "${address.database}"; its administrator creates it first. Nothing was changed.`);
  // Only the Offramp group roles may connect to the hub's database (hub init revokes it from PUBLIC).
  if (code === '42501' && /permission denied for database/i.test(e.message ?? '')) {
    return new AppError('forbidden', 'This login has no Offramp role on the hub, so the hub does not let it in. A program manager adds hub users with "offramp hub add-user". Nothing was changed.');
  }
  if (code === '42501') return new AppError('forbidden', `The hub does not allow this: ${e.message ?? 'permission denied'}. Nothing was changed.`);
  if (code === '22023') return new AppError('invalid_input', `${e.message ?? 'Invalid input'} Nothing was changed.`);
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET'].includes(code) || /timeout|terminated/i.test(e.message ?? '')) {
    return new AppError('io', `Cannot reach the hub at ${where} (${code || e.message || 'no answer'}). Nothing was changed.`);
  }
  return new AppError('io', `The hub at ${where} failed: ${e.message ?? String(error)}. Nothing was changed.`);
}

/** Runs `work` on one verified connection, closed afterwards; errors come back as AppErrors. */
export async function withHubClient<T>(login: HubLogin, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new Client(hubClientConfig(login));
  // A dropped connection must reject the query in progress, not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await work(client);
  } catch (error) {
    throw hubError(error, login.address);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A SCRAM-SHA-256 verifier of `password` (RFC 7677, PostgreSQL's format): what
 * the server stores. Hub passwords travel to the server only in this form, so
 * they never appear in its statement log or its catalogue in clear.
 */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** The schema version a hub records, or null when the database is no hub. */
export async function hubSchemaVersion(client: pg.Client): Promise<number | null> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass(${escapeLiteral(`public.${HUB_VERSION_TABLE}`)})::text AS t`);
  if (exists.rows[0]?.t === null || exists.rows[0]?.t === undefined) return null;
  const row = await client.query<{ version: number }>(`SELECT version FROM ${HUB_VERSION_TABLE}`);
  return row.rows[0]?.version ?? null;
}

export interface HubInitInput {
  readonly manager: { readonly name: string; readonly password: string };
}

/**
 * Sets up a hub in the login's database, as the server's administrator (a
 * superuser): the roles, the schema at the latest version owned by
 * offramp_owner, the privileges, policies and functions, and the first program
 * manager. One transaction: on any failure nothing of it stays.
 */
export async function initHub(admin: HubLogin, input: HubInitInput): Promise<{ version: number; manager: string }> {
  const problem = hubUserNameProblem(input.manager.name);
  if (problem !== null) throw new AppError('invalid_input', `Invalid hub user name "${input.manager.name}": ${problem}.`);
  const verifier = scramVerifier(input.manager.password);
  return withHubClient(admin, (client) =>
    inTransaction(client, async () => {
      const me = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
      if (me.rows[0]?.rolsuper !== true) throw new AppError('forbidden', `${admin.user} is not the hub server's administrator: hub init needs a superuser login. Nothing was changed.`);
      if ((await hubSchemaVersion(client)) !== null) throw new AppError('conflict', `The database "${admin.address.database}" is already an Offramp hub. Nothing was changed.`);
      const ours = [HUB_OWNER, HUB_GATE, ...roles.map(groupRole), input.manager.name];
      const taken = await client.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY ($1::text[]) ORDER BY rolname', [ours]);
      if (taken.rows.length > 0) {
        throw new AppError('conflict', `The hub server already has the role${taken.rows.length > 1 ? 's' : ''} ${taken.rows.map((r) => r.rolname).join(', ')}: one Offramp hub per server, and a new user's name must be free. Nothing was changed.`);
      }
      const owner = escapeIdentifier(HUB_OWNER);
      await client.query(`CREATE ROLE ${owner} NOLOGIN CREATEROLE`);
      await client.query(`CREATE ROLE ${escapeIdentifier(HUB_GATE)} NOLOGIN BYPASSRLS`);
      for (const role of roles) await client.query(`CREATE ROLE ${escapeIdentifier(groupRole(role))} NOLOGIN`);
      await client.query(`ALTER SCHEMA public OWNER TO ${owner}`);
      await client.query(`SET LOCAL ROLE ${owner}`);
      let version = 0;
      for (const step of hubSchemaSteps(0)) {
        await client.query(step.sql);
        version = step.version;
      }
      await client.query(`CREATE TABLE ${HUB_VERSION_TABLE} (version integer NOT NULL)`);
      await client.query(`INSERT INTO ${HUB_VERSION_TABLE} (version) VALUES ($1)`, [version]);
      for (const statement of hubImportTablesSql()) await client.query(statement);
      await client.query('RESET ROLE');
      for (const statement of [...hubAccessSql(admin.address.database), ...hubImportAccessSql()]) await client.query(statement);
      await client.query('SELECT offramp_append_audit($1, NULL, $2)', ['vault.create', JSON.stringify({ hub: true, schema: version })]);
      const name = escapeIdentifier(input.manager.name);
      await client.query(`CREATE ROLE ${name} LOGIN PASSWORD ${escapeLiteral(verifier)} IN ROLE ${escapeIdentifier(groupRole('program_manager'))}`);
      await client.query("INSERT INTO users (name, role, created_at) VALUES ($1, 'program_manager', $2)", [input.manager.name, new Date().toISOString()]);
      await client.query('SELECT offramp_append_audit($1, NULL, $2)', ['user.add', JSON.stringify({ user: input.manager.name, role: 'program_manager' })]);
      return { version, manager: input.manager.name };
    }),
  );
}

/** Opens a hub session for a user: refuses a hub whose schema this Offramp does not know. */
export async function withHubSession<T>(login: HubLogin, work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withHubClient(login, async (client) => {
    checkHubSchemaVersion(await hubSchemaVersion(client), HUB_SCHEMA_VERSION);
    return work(client);
  });
}

export interface HubUserInput {
  readonly name: string;
  readonly role: Role;
  readonly password: string;
}

/** A program manager adds a hub user; anyone else is refused by the server, and the attempt is audited. */
export async function addHubUser(manager: HubLogin, input: HubUserInput): Promise<{ name: string; role: Role }> {
  const problem = hubUserNameProblem(input.name);
  if (problem !== null) throw new AppError('invalid_input', `Invalid hub user name "${input.name}": ${problem}.`);
  const verifier = scramVerifier(input.password);
  const outcome = await withHubSession(manager, async (client) => {
    const result = await client.query<{ outcome: string }>('SELECT offramp_add_user($1, $2, $3) AS outcome', [input.name, input.role, verifier]);
    return result.rows[0]?.outcome ?? 'failed';
  });
  if (outcome === 'forbidden') throw new AppError('forbidden', 'You may not add a user. Your role does not allow it. Only a program manager can. Nothing was changed.');
  if (outcome === 'exists') throw new AppError('conflict', `The hub already has a user or role named ${input.name}. Nothing was changed.`);
  if (outcome !== 'added') throw new AppError('internal', `The hub did not add ${input.name} (${outcome}).`);
  return { name: input.name, role: input.role };
}

/** Appends one event through the server's function: the server takes the actor from the login and the time from its clock. */
export async function appendHubAudit(client: pg.Client, input: Omit<AuditInput, 'actor'>): Promise<number> {
  const result = await client.query<{ seq: string }>('SELECT offramp_append_audit($1, $2, $3) AS seq', [input.action, input.caseId ?? null, JSON.stringify(input.detail ?? {})]);
  return Number(result.rows[0]?.seq);
}

/** Whether the login is a program manager of the hub, as the server's own function answers. */
export async function hubIsManager(client: pg.Client): Promise<boolean> {
  const result = await client.query<{ manager: boolean }>('SELECT offramp_is_manager() AS manager');
  return result.rows[0]?.manager === true;
}

/**
 * The login's Offramp role: the group role it is a member of (hub add-user
 * grants exactly one), asked of the server; null for a login with none.
 */
export async function hubUserRole(client: pg.Client): Promise<Role | null> {
  const result = await client.query<{ role: string }>("SELECT r AS role FROM unnest($1::text[]) AS r WHERE pg_has_role(session_user, 'offramp_' || r, 'MEMBER')", [[...roles]]);
  const found = roles.filter((r) => result.rows.some((row) => row.role === r));
  return found.includes('program_manager') ? 'program_manager' : (found[0] ?? null);
}

/** Another hub user's Offramp role (the group role that login is in); null when there is no login of that name or it has none. */
export async function hubRoleOf(client: pg.Client, name: string): Promise<Role | null> {
  const exists = await client.query<{ n: string }>('SELECT count(*) AS n FROM pg_roles WHERE rolname = $1 AND rolcanlogin', [name]);
  if (exists.rows[0]?.n !== '1') return null;
  const result = await client.query<{ role: string }>("SELECT r AS role FROM unnest($1::text[]) AS r WHERE pg_has_role($2, 'offramp_' || r, 'MEMBER')", [[...roles], name]);
  const found = roles.filter((r) => result.rows.some((row) => row.role === r));
  return found.includes('program_manager') ? 'program_manager' : (found[0] ?? null);
}

/** The login's relation to a case as the server's own function decides it: program_manager, lead, member, legal, viewer or none. */
export async function hubCaseRelation(client: pg.Client, caseId: string): Promise<string> {
  const result = await client.query<{ relation: string }>('SELECT offramp_case_relation($1) AS relation', [caseId]);
  return result.rows[0]?.relation ?? 'none';
}

/**
 * Appends one event inside a transaction of the data layer's hub store (so the
 * event commits or rolls back with the change it records), through the same
 * server function as appendHubAudit.
 */
export async function appendHubAuditIn(q: Queries, input: Omit<AuditInput, 'actor'>): Promise<void> {
  await sql`SELECT offramp_append_audit(${input.action}, ${input.caseId ?? null}, ${JSON.stringify(input.detail ?? {})})`.execute(q);
}

/** The audit events the login may read, in order, as the chain verifier takes them. */
export async function hubAuditRows(client: pg.Client): Promise<AuditRow[]> {
  const result = await client.query<Omit<AuditRow, 'seq'> & { seq: string }>('SELECT seq, at, actor, action, case_id, detail, prev_hash, hash FROM audit_events ORDER BY seq');
  return result.rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}
