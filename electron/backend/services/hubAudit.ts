import { AppError } from '../../../shared/contract';
import { appendHubAudit, hubAuditRows, hubIsManager, withHubSession, type HubLogin } from '../data/postgres/hub';
import { verifyImportedHistory, type ImportedHistoryCheck } from '../data/postgres/hubImport';
import { verifyAuditRows, type AuditVerification } from '../vault/audit';

export interface HubAuditCheck extends AuditVerification {
  /** Where the walk began (always the first event on a hub) and how many events it walked. */
  from: number;
  walked: number;
  /** Each vault moved into the hub: its history's own chain, and the count and head the hub's chain recorded for it. */
  imported: ImportedHistoryCheck[];
}

/**
 * `audit verify` on a hub: walks the hub's whole chain as the login reads it,
 * then every imported vault history. Only a program manager reads every event
 * (row-level security shows anyone else only their cases' events, which would
 * look like a chain with gaps), so the server is asked first and anyone else is
 * refused. The verification is recorded in the chain by the server's function.
 */
export async function verifyHubAudit(login: HubLogin): Promise<HubAuditCheck> {
  return withHubSession(login, async (client) => {
    if (!(await hubIsManager(client))) {
      await appendHubAudit(client, { action: 'access.denied', caseId: null, detail: { operation: 'audit.verify' } });
      throw new AppError('forbidden', "You may not verify the hub's audit chain. Your role does not allow it. Only a program manager reads every event. Nothing was changed.");
    }
    const rows = await hubAuditRows(client);
    const verification = verifyAuditRows(rows);
    const imported = await verifyImportedHistory(client);
    await appendHubAudit(client, { action: 'audit.verify', caseId: null, detail: { ok: verification.ok && imported.every((i) => i.ok), events: verification.events, from: 0, full: true, anchor: null } });
    return { ...verification, from: 0, walked: verification.events, imported };
  });
}
