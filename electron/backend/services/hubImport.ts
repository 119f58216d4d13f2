import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/contract';
import { withHubSession, type HubLogin } from '../data/postgres/hub';
import { importVaultInto, verifiedVaultAudit, verifyImportedHistory, type ImportedHistoryCheck, type VaultImportResult } from '../data/postgres/hubImport';
import { appendAudit } from '../vault/audit';
import type { VaultSession } from '../vault/session';

/**
 * Moves a workstation vault into a hub: the vault's program manager unlocks it,
 * the hub's program manager logs in, and the vault's cases, evidence and audit
 * history are copied in one transaction of the hub (data/postgres/hubImport.ts).
 * The vault records the move in its own log first, so the history the hub keeps
 * ends with it; a failed move is recorded too. The vault itself is left as it was.
 */
export async function moveVaultIntoHub(session: VaultSession, hub: HubLogin, now: () => Date): Promise<VaultImportResult> {
  if (session.user.role !== 'program_manager') {
    appendAudit(session.db, { actor: session.user.name, action: 'access.denied', detail: { operation: 'vault.move_to_hub' } }, now());
    throw new AppError('forbidden', 'You may not move this vault into a hub. Your role does not allow it. Only a program manager of the vault can. Nothing was changed.');
  }
  const importId = randomUUID();
  const where = `${hub.address.host}:${hub.address.port}/${hub.address.database}`;
  appendAudit(session.db, { actor: session.user.name, action: 'vault.move_to_hub', detail: { importId, hub: where, hubUser: hub.user } }, now());
  try {
    const audit = verifiedVaultAudit(session.db);
    return await withHubSession(hub, (client) => importVaultInto(client, { db: session.db, vaultId: session.vaultId, importId, audit, at: now().toISOString() }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    appendAudit(session.db, { actor: session.user.name, action: 'vault.move_to_hub_failed', detail: { importId, hub: where, reason: reason.slice(0, 300) } }, now());
    throw error;
  }
}

/** Each imported history of the hub, verified on its own chain and against the hub's record of its import. */
export function checkImportedHistory(hub: HubLogin): Promise<ImportedHistoryCheck[]> {
  return withHubSession(hub, (client) => verifyImportedHistory(client));
}
