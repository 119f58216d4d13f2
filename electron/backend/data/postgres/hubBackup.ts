import type pg from 'pg';
import { AppError } from '../../../../shared/contract';
import type { AuditInput } from '../../vault/audit';
import { appendHubAudit, withHubSession, type HubLogin } from './hub';
import { HUB_SCHEMA_VERSION } from './schema';

/** What a hub backup records of the database it copies, read in the snapshot the dump is taken in. */
export interface HubBackupSnapshot {
  /** pg_export_snapshot()'s id: `pg_dump --snapshot` dumps exactly what this transaction sees. */
  readonly snapshot: string;
  readonly schemaVersion: number;
  readonly cases: number;
  readonly audit: { readonly events: number; readonly headSeq: number; readonly headHash: string | null };
}

/**
 * Runs `dump` while a REPEATABLE READ transaction of the program manager holds
 * an exported snapshot, so the dump and the audit head recorded with it are of
 * the same moment. Anyone else is refused, and the refusal is audited as the
 * server's other refusals are. A verified backup is recorded as `vault.backup`
 * with what `recorded` says of it.
 */
export async function withHubBackupSnapshot<T>(
  login: HubLogin,
  dump: (snapshot: HubBackupSnapshot) => Promise<T>,
  recorded: (done: T) => NonNullable<AuditInput['detail']>,
): Promise<T> {
  return withHubSession(login, async (client: pg.Client) => {
    const manager = await client.query<{ m: boolean }>('SELECT offramp_is_manager() AS m');
    if (manager.rows[0]?.m !== true) {
      await appendHubAudit(client, { action: 'access.denied', detail: { operation: 'vault.backup', relation: 'none' } });
      throw new AppError('forbidden', 'You may not back up the hub. Your role does not allow it. Only a program manager can. Nothing was written.');
    }
    let done: T;
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const exported = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
      const head = await client.query<{ events: string; seq: string | null; hash: string | null; cases: string }>(
        `SELECT (SELECT count(*) FROM audit_events) AS events,
                (SELECT max(seq) FROM audit_events) AS seq,
                (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1) AS hash,
                (SELECT count(*) FROM cases) AS cases`,
      );
      const row = head.rows[0];
      const id = exported.rows[0]?.id;
      if (row === undefined || id === undefined) throw new AppError('internal', 'The hub did not export a snapshot.');
      done = await dump({
        snapshot: id,
        schemaVersion: HUB_SCHEMA_VERSION,
        cases: Number(row.cases),
        audit: { events: Number(row.events), headSeq: row.seq === null ? 0 : Number(row.seq), headHash: row.hash },
      });
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
    }
    // A verified backup is an audit event, after the head it recorded, as a vault's backup is.
    await appendHubAudit(client, { action: 'vault.backup', detail: recorded(done) });
    return done;
  });
}
