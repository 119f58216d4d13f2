import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { auditEventKinds, type AuditEventKind } from '../../../shared/contract/auditLog';
import { call, errorMessage } from '../api/client';
import { Alert } from '../components/Alert';

type Page = MethodOutput<'audit.log'>;

const kindLabels: Record<AuditEventKind, string> = {
  access: 'Unlocking and locking',
  reads: 'Reading cases',
  lookups: 'Subject look-ups and reveals',
  refusals: 'Refusals',
  team: 'Case teams',
  casework: 'Case work',
  vault: 'Vault, users and backups',
};

const PAGE = 50;

/** The vault's audit log in words, for the program manager: read-only, newest first, a page at a time. */
export function AuditLog() {
  const [user, setUser] = useState('');
  const [kind, setKind] = useState<AuditEventKind | ''>('');
  const [pages, setPages] = useState<number[]>([]);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    (beforeSeq: number | undefined) => {
      setError(null);
      call('audit.log', { limit: PAGE, ...(user === '' ? {} : { user }), ...(kind === '' ? {} : { kind }), ...(beforeSeq === undefined ? {} : { beforeSeq }) }).then(setPage, (e: unknown) =>
        setError(errorMessage(e)),
      );
    },
    [user, kind],
  );
  useEffect(() => {
    setPages([]);
    load(undefined);
  }, [load]);

  const older = () => {
    const next = page?.nextBeforeSeq ?? null;
    if (next === null) return;
    setPages((p) => [...p, next]);
    load(next);
  };
  const newer = () => {
    const rest = pages.slice(0, -1);
    setPages(rest);
    load(rest.at(-1));
  };

  return (
    <section className="screen stack" aria-labelledby="screen-title">
      <div className="screen-head">
        <div>
          <h1 id="screen-title">Audit log</h1>
          <p className="muted">Who did what in this vault, and when, newest first. Events never hold case text. Reading this log is itself recorded.</p>
        </div>
      </div>
      <div className="card row" role="search" aria-label="Filter the audit log">
        <label htmlFor="audit-log-user">User</label>
        <select id="audit-log-user" value={user} onChange={(e) => setUser(e.target.value)}>
            <option value="">Everyone</option>
            {(page?.users ?? []).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
        </select>
        <label htmlFor="audit-log-kind">Kind of event</label>
        <select id="audit-log-kind" value={kind} onChange={(e) => setKind(e.target.value as AuditEventKind | '')}>
            <option value="">All kinds</option>
            {auditEventKinds.map((k) => (
              <option key={k} value={k}>
                {kindLabels[k]}
              </option>
            ))}
        </select>
      </div>
      {error !== null ? (
        <Alert kind="error">
          {error}
        </Alert>
      ) : null}
      {page === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <section className="card" aria-labelledby="audit-log-title">
          <h2 id="audit-log-title">Events{pages.length > 0 ? ` (page ${pages.length + 1})` : ''}</h2>
          {page.events.length === 0 ? (
            <p className="muted">No events match.</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">When (UTC)</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Case</th>
                </tr>
              </thead>
              <tbody>
                {page.events.map((e) => (
                  <tr key={e.seq}>
                    <td className="mono nowrap">{e.at.slice(0, 19).replace('T', ' ')}</td>
                    <td className="nowrap">{e.actor}</td>
                    <td>{e.text}</td>
                    <td className="nowrap">{e.caseNumber ?? (e.disposedCase ? 'Disposed of' : '')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="row">
            <button type="button" className="btn" onClick={newer} disabled={pages.length === 0}>
              Newer events
            </button>
            <button type="button" className="btn" onClick={older} disabled={page.nextBeforeSeq === null}>
              Older events
            </button>
          </div>
        </section>
      )}
    </section>
  );
}
