import { AppError } from '../../../shared/contract';
import type { CaseRow } from '../../../shared/model/caseRecord';
import { listCasePage, type CasePage } from '../data/caseList';
import { appendHubAudit, hubError, withHubSession, type HubLogin } from '../data/postgres/hub';
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
