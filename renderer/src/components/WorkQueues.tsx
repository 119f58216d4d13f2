import type { ReactNode } from 'react';
import { call } from '../api/client';
import { formatDate, recipientLabels, roleLabels } from '../labels';
import { actionStatusLabels, optionText } from '../planLabels';
import { useNavigation } from '../stores/navigation';
import { BulkActionPicker } from './BulkActionPicker';
import { RiskBadge } from './RiskBadge';
import { loaded, LoadStatus, useLoad } from '../useLoad';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function QueueCard({ id, title, count, children }: { id: string; title: string; count?: number; children: ReactNode }) {
  return (
    <section className="card stack queue-card" aria-labelledby={id}>
      <h3 id={id}>
        {title}
        {count !== undefined ? <span className="badge queue-count">{count}</span> : null}
      </h3>
      {children}
    </section>
  );
}

/**
 * Home's work queue: what waits for the signed-in user, by role (queues.mine).
 * Legal signs off several actions here at once; everyone sees their cases'
 * reviews, past-due actions, obligations and cases not yet assessed; the program
 * manager sees closures to approve, dispositions, backups and access changes.
 */
export function WorkQueues() {
  const go = useNavigation((s) => s.go);
  const mine = useLoad(() => call('queues.mine', {}), []);
  if (!loaded(mine)) return <LoadStatus of={mine} loading="Loading your work queue…" />;
  const { data: queue, reload } = mine;
  const open = (caseId: string, tab?: string) => go({ name: 'case', caseId, ...(tab !== undefined ? { tab } : {}) });
  const caseLink = (c: { caseId: string; number: string; title: string }, tab?: string) => (
    <button type="button" className="btn-link" onClick={() => open(c.caseId, tab)}>
      <span className="mono">{c.number}</span> · {c.title}
    </button>
  );
  const nothing =
    (queue.signOff?.total ?? 0) === 0 &&
    queue.reviews.items.length === 0 &&
    queue.pastDueActions.total === 0 &&
    queue.obligations.length === 0 &&
    queue.notAssessed.total === 0 &&
    (queue.manager === null || (queue.manager.closures.length === 0 && queue.manager.dispositionsDue === 0 && !queue.manager.backupDue && queue.manager.accessChanges.length === 0));
  return (
    <section className="stack work-queues" aria-labelledby="queue-title">
      <h2 id="queue-title">
        Waiting for you <span className="muted queue-role">as {roleLabels[queue.role].toLowerCase()}</span>
      </h2>
      {nothing ? <p className="muted">Nothing is waiting for you today.</p> : null}
      <div className="queue-grid">
        {queue.signOff !== null ? (
          <QueueCard id="queue-signoff" title="Actions awaiting your legal sign-off" count={queue.signOff.total}>
            {queue.signOff.items.length === 0 ? (
              <p className="muted">No action is waiting for legal sign-off.</p>
            ) : (
              <BulkActionPicker
                legend="Choose the actions to sign off; each sign-off is recorded on its own"
                items={queue.signOff.items.map((i) => ({
                  caseId: i.caseId,
                  actionId: i.actionId,
                  label: `${i.number} · ${optionText(i.optionId)} (proposed by ${i.proposedBy}${i.dueOn !== null ? `, due ${formatDate(i.dueOn)}` : ''})`,
                  blockedBy: i.blockedBy === null ? null : 'you proposed it, so another legal user signs it off',
                }))}
                buttonLabel="Sign off selected"
                onRun={async (items) => {
                  const { signedOff } = await call('mitigation.bulkSignOff', { items });
                  await reload();
                  return `${plural(signedOff.length, 'action')} signed off.`;
                }}
              />
            )}
          </QueueCard>
        ) : null}
        {queue.manager !== null ? (
          <QueueCard id="queue-closures" title="Closures to approve" count={queue.manager.closures.length}>
            {queue.manager.closures.length === 0 ? (
              <p className="muted">No case has a final assessment waiting for closure.</p>
            ) : (
              <ul className="plain-list stack">
                {queue.manager.closures.map((c) => (
                  <li key={c.caseId}>
                    {caseLink(c, 'closure')}{' '}
                    <span className="muted">
                      lead {c.lead ?? '—'}; final assessment {formatDate(c.finalAssessedAt)}
                      {c.blockedBy !== null ? ' — you lead this case: another program manager approves its closure' : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </QueueCard>
        ) : null}
        <QueueCard id="queue-reviews" title="Reviews due on your cases" count={queue.reviews.overdue + queue.reviews.dueSoon}>
          {queue.reviews.items.length === 0 ? (
            <p className="muted">No review is overdue or due within a week.</p>
          ) : (
            <ul className="plain-list stack">
              {queue.reviews.items.map((r) => (
                <li key={r.caseId}>
                  {caseLink(r, 'monitoring')} <RiskBadge risk={r.risk} />{' '}
                  {r.state === 'overdue' ? (
                    <span className="badge badge-critical">Overdue by {plural(r.daysOverdue, 'day')}</span>
                  ) : r.state === 'due_today' ? (
                    <span className="badge badge-moderate">Due today</span>
                  ) : (
                    <span className="muted">due {formatDate(r.nextReview)}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </QueueCard>
        <QueueCard id="queue-pastdue" title="Actions past due on your cases" count={queue.pastDueActions.total}>
          {queue.pastDueActions.items.length === 0 ? (
            <p className="muted">No open action is past its due date.</p>
          ) : (
            <ul className="plain-list stack">
              {queue.pastDueActions.items.map((a) => (
                <li key={a.actionId}>
                  {caseLink(a, 'plan')} — {optionText(a.optionId)} <span className="muted">({actionStatusLabels[a.status].toLowerCase()})</span>{' '}
                  <span className="badge badge-critical">Past due by {plural(a.daysPastDue, 'day')}</span>
                </li>
              ))}
            </ul>
          )}
        </QueueCard>
        <QueueCard id="queue-obligations" title="Reporting obligations on your cases" count={queue.obligations.length}>
          {queue.obligations.length === 0 ? (
            <p className="muted">Every obligation on your cases is recorded.</p>
          ) : (
            <ul className="plain-list stack">
              {queue.obligations.map((o) => (
                <li key={`${o.caseId}-${o.recipient}`}>
                  {caseLink(o, 'reporting')} — {recipientLabels[o.recipient]}{' '}
                  {o.timing === 'immediately' ? <span className="badge badge-critical">Immediately</span> : <span className="muted">{o.timing.replaceAll('_', ' ')}</span>}{' '}
                  <span className="muted">waiting {plural(o.daysWaiting, 'day')}</span>
                </li>
              ))}
            </ul>
          )}
        </QueueCard>
        {queue.notAssessed.total > 0 ? (
          <QueueCard id="queue-notassessed" title="Your cases not yet assessed" count={queue.notAssessed.total}>
            <ul className="plain-list stack">
              {queue.notAssessed.items.map((c) => (
                <li key={c.caseId}>
                  {caseLink(c, 'assessment')} <RiskBadge risk="not_assessed" />
                </li>
              ))}
            </ul>
          </QueueCard>
        ) : null}
        {queue.manager !== null ? (
          <QueueCard id="queue-records" title="Records and access">
            <dl className="kv">
              <dt>Dispositions due</dt>
              <dd>{queue.manager.dispositionsDue === 0 ? 'None' : plural(queue.manager.dispositionsDue, 'case')}</dd>
              <dt>Backup</dt>
              <dd>{queue.manager.backupDue ? <strong>Due{queue.manager.lastBackupAt === null ? ' — never backed up' : ` — last ${formatDate(queue.manager.lastBackupAt)}`}</strong> : `Up to date (last ${formatDate(queue.manager.lastBackupAt)})`}</dd>
              <dt>Access changes (30 days)</dt>
              <dd>
                {queue.manager.accessChanges.length === 0
                  ? 'None'
                  : queue.manager.accessChanges.map((a) => `${a.user} (${roleLabels[a.role].toLowerCase()}) ${a.change} ${formatDate(a.at)}`).join('; ')}
              </dd>
              <dt>One person, two roles</dt>
              <dd>{queue.manager.dualRoles.allowed ? `Allowed by ${queue.manager.dualRoles.setBy}: ${queue.manager.dualRoles.reason}` : 'Not allowed (separation of duties)'}</dd>
            </dl>
            <div className="row">
              <button type="button" className="btn" onClick={() => go({ name: 'records' })}>
                Go to Records
              </button>
              <button type="button" className="btn" onClick={() => go({ name: 'admin' })}>
                Go to Users
              </button>
            </div>
          </QueueCard>
        ) : null}
      </div>
    </section>
  );
}
