import { AppError } from '../../../shared/contract';
import type { CaseRecord, CaseRow } from '../../../shared/model/caseRecord';
import { caseIdByRef, caseIdsByNumber } from '../data/caseIds';
import { readCaseRecord } from '../data/caseRecord';
import { inTransaction } from '../data/postgres/transaction';
import { listCasePage, type CasePage } from '../data/caseList';
import { appendHubAudit, hubError, hubIsManager, withHubSession, type HubLogin } from '../data/postgres/hub';
import { openHubStore } from '../data/postgres/store';

const PAGE = 500;

/**
 * Every case of the hub the login may see, most recent activity first, as
 * `case list` prints them for a vault. The server decides what the login sees
 * (row-level security: a program manager every case, anyone else the cases
 * whose team they are on), so the query names no viewer. The listing is
 * recorded in the hub's audit chain by the server's own function, counts only.
 *
 * Searching by text (`--query`) needs the hub's full-text index, which this
 * version does not build: it is refused, with nothing read or recorded.
 */
export async function listHubCases(login: HubLogin, query: string | undefined): Promise<CaseRow[]> {
  if (query !== undefined) {
    throw new AppError('invalid_input', 'Searching a hub by the text of its cases (--query) is not available in this version of Offramp: list without --query, or search a workstation vault. Nothing was read.');
  }
  const store = await openHubStore(login);
  try {
    const rows: CaseRow[] = [];
    let after: CasePage['after'];
    for (;;) {
      const page = await listCasePage(store.q, { viewer: null }, null, { sort: 'lastActivity', direction: 'desc', limit: PAGE, offset: 0, walk: false, after });
      for (const { searchKey: _searchKey, sortKey: _sortKey, ...row } of page) rows.push(row);
      const last = page.at(-1);
      if (page.length < PAGE || last === undefined) break;
      after = { key: last.sortKey, number: last.number };
    }
    await withHubSession(login, (client) => appendHubAudit(client, { action: 'case.list', caseId: null, detail: { searched: false, shown: rows.length, total: rows.length } }));
    return rows;
  } catch (error) {
    throw hubError(error, login.address);
  } finally {
    await store.close();
  }
}

/**
 * Whole case records for `case export --hub` (program managers, as on a vault):
 * one case by its id or number, or every case by number. The server is asked
 * whether the login is a program manager first; anyone else is refused, on
 * record. Each export is recorded in the hub's chain, in one transaction,
 * before the records are handed back, so an export cut short still counts.
 */
export async function exportHubCases(login: HubLogin, ref: string | undefined): Promise<CaseRecord[]> {
  await withHubSession(login, async (client) => {
    if (await hubIsManager(client)) return;
    await appendHubAudit(client, { action: 'access.denied', caseId: null, detail: { operation: 'case.export' } });
    throw new AppError('forbidden', 'You may not export cases. Your role does not allow it. Only a program manager can. Nothing was written.');
  });
  const store = await openHubStore(login);
  let records: CaseRecord[];
  try {
    const ids = ref === undefined ? await caseIdsByNumber(store.q) : [await caseIdByRef(store.q, ref)];
    records = [];
    for (const id of ids) {
      const record = id === null ? null : await readCaseRecord(store.q, id);
      if (record === null) throw new AppError('not_found', `The hub has no case ${ref ?? ''}. Nothing was written.`);
      records.push(record);
    }
  } catch (error) {
    throw hubError(error, login.address);
  } finally {
    await store.close();
  }
  await withHubSession(login, (client) =>
    inTransaction(client, async () => {
      for (const r of records) await appendHubAudit(client, { action: 'case.export', caseId: r.case.id, detail: { number: r.case.number, format: 'jsonl' } });
    }),
  );
  return records;
}
