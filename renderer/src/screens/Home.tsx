import { valueLabel } from '../../../shared/labels';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { homeSummarySchema } from '../../../shared/contract/casework';
import type { BackupStatus } from '../../../shared/contract/records';
import { caseRiskValues } from '../../../shared/model/schedule';
import { call } from '../api/client';
import { RiskBadge } from '../components/RiskBadge';
import { WorkQueues } from '../components/WorkQueues';
import { formatDate, programLabels, recipientLabels, riskLabels, stageLabels } from '../labels';
import { useNavigation } from '../stores/navigation';
import { MigrationNotice } from '../team/MigrationNotice';
import { useCan } from '../team/usePermission';
import { backupAge } from '../backupAge';
import { HomeDashboard } from './HomeDashboard';
import { AnchorReminder } from '../components/AnchorReminder';
import { Alert } from '../components/Alert';
import { loaded, LoadStatus, useLoad } from '../useLoad';

type Summary = z.infer<typeof homeSummarySchema>;

/** What needs attention first: unmet obligations, overdue reviews, my cases, the hub at a glance. */
export function Home() {
  const go = useNavigation((s) => s.go);
  const home = useLoad(() => call('home.summary', {}), []);
  const [backup, setBackup] = useState<BackupStatus | null>(null);
  // The program manager sees the whole hub; anyone else, their case teams' cases.
  const seesHub = useCan('program.dashboard');
  // Only the program manager backs the vault up, so only they are reminded.
  const canBackUp = useCan('vault.backup');
  useEffect(() => {
    // The reminder is a convenience: if the status cannot be read, the home screen still shows.
    call('backup.status', {}).then(setBackup, () => setBackup(null));
  }, []);
  if (!loaded(home)) return <LoadStatus of={home} />;
  const summary: Summary = home.data;
  const immediate = summary.pendingObligations.filter((o) => o.timing === 'immediately');
  const openCase = (caseId: string) => go({ name: 'case', caseId });
  return (
    <section className="screen stack" aria-labelledby="screen-title">
      <div className="screen-head">
        <div>
          <h1 id="screen-title">Home</h1>
          <p className="muted">{summary.counts.open} open case{summary.counts.open === 1 ? '' : 's'} {seesHub ? 'in the hub' : 'on your case teams'}.</p>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => go({ name: 'intake' })}>
          New case
        </button>
      </div>
      <MigrationNotice />
      {backup?.due === true && canBackUp ? (
        <Alert kind="warn" className="home-backup-reminder" role="region" aria-labelledby="backup-reminder-title">
          <div>
            <strong id="backup-reminder-title">Backup due</strong>{' '}
            {backup.lastVerifiedAt === null
              ? 'This vault has never been backed up.'
              : `The last verified backup was made ${backupAge(backup)}; a backup is due every ${backup.reminderDays} days.`}{' '}
            Back up to removable media and keep it in approved storage.
          </div>
          <button type="button" className="btn" onClick={() => go({ name: 'records' })}>
            Go to Records
          </button>
        </Alert>
      ) : null}
      <AnchorReminder />
      {immediate.length > 0 ? (
        <Alert kind="error" className="stack" aria-labelledby="immediate-title">
          <strong id="immediate-title">Report immediately</strong>
          <ul className="plain-list">
            {immediate.map((o) => (
              <li key={`${o.caseId}-${o.recipient}`}>
                <button type="button" className="btn-link" onClick={() => openCase(o.caseId)}>
                  {o.number}
                </button>{' '}
                — {recipientLabels[o.recipient]}: {o.basis}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <WorkQueues />
      <div className="grid-3">
        <div className="card stat-card">
          <h2>By risk</h2>
          <dl className="stat-list">
            {caseRiskValues.map((r) => (
              <div key={r}>
                <dt>
                  <RiskBadge risk={r} />
                </dt>
                <dd>{summary.counts.byRisk[r] ?? 0}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="card stat-card">
          <h2>By furthest pathway stage</h2>
          <dl className="stat-list">
            {(['predisposition', 'stressor', 'concerning_behavior'] as const).map((s) => (
              <div key={s}>
                <dt>{stageLabels[s]}</dt>
                <dd>{summary.counts.byStage[s] ?? 0}</dd>
              </div>
            ))}
            <div>
              <dt>No indicators yet</dt>
              <dd>{summary.counts.byStage['none'] ?? 0}</dd>
            </div>
          </dl>
        </div>
        <div className="card stat-card">
          <h2>Needs attention</h2>
          <dl className="stat-list">
            <div>
              <dt>Reporting obligations not yet recorded</dt>
              <dd>{summary.pendingObligations.length}</dd>
            </div>
            <div>
              <dt>Overdue reviews</dt>
              <dd>{summary.overdueReviews.length}</dd>
            </div>
          </dl>
        </div>
      </div>
      <div className="grid-2">
        <section className="card" aria-labelledby="obligations-title">
          <h2 id="obligations-title">Reporting obligations not yet met</h2>
          {summary.pendingObligations.length === 0 ? (
            <p className="muted">None: every obligation has a reporting record.</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Recipient</th>
                  <th scope="col">Timing</th>
                </tr>
              </thead>
              <tbody>
                {summary.pendingObligations.map((o) => (
                  <tr key={`${o.caseId}-${o.recipient}`}>
                    <td>
                      <button type="button" className="btn-link mono" onClick={() => openCase(o.caseId)}>
                        {o.number}
                      </button>
                    </td>
                    <td>{recipientLabels[o.recipient]}</td>
                    <td>{o.timing === 'immediately' ? <strong>Immediately</strong> : valueLabel(o.timing)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" aria-labelledby="overdue-title">
          <h2 id="overdue-title">Overdue reviews</h2>
          {summary.overdueReviews.length === 0 ? (
            <p className="muted">None overdue.</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Risk</th>
                  <th scope="col">Due</th>
                </tr>
              </thead>
              <tbody>
                {summary.overdueReviews.map((r) => (
                  <tr key={r.caseId}>
                    <td>
                      <button type="button" className="btn-link mono" onClick={() => openCase(r.caseId)}>
                        {r.number}
                      </button>
                    </td>
                    <td>{riskLabels[r.risk]}</td>
                    <td>
                      {formatDate(r.nextReview)} ({r.daysOverdue} days ago)
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      {seesHub ? <HomeDashboard /> : null}
      <section className="card" aria-labelledby="mine-title">
        <h2 id="mine-title">My open cases</h2>
        {summary.myCases.length === 0 ? (
          <p className="muted">No open cases are assigned to you.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Subject</th>
                <th scope="col">Program</th>
                <th scope="col">Risk</th>
                <th scope="col">Furthest stage</th>
                <th scope="col">Next review</th>
              </tr>
            </thead>
            <tbody>
              {summary.myCases.map((c) => (
                <tr key={c.id}>
                  <td>
                    <button type="button" className="btn-link mono" onClick={() => openCase(c.id)}>
                      {c.number}
                    </button>
                  </td>
                  <td className="mono">{c.subjectDisplayId}</td>
                  <td>{programLabels[c.program]}</td>
                  <td>
                    <RiskBadge risk={c.risk} />
                  </td>
                  <td>{c.furthestStage === null ? '—' : stageLabels[c.furthestStage]}</td>
                  <td>{formatDate(c.nextReview)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
