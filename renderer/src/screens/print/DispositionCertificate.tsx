import { portionMark, type Markings } from '../../../../shared/model/markings';
import type { DispositionCertificate as Certificate } from '../../../../shared/model/retention';
import { programLabels, statusLabels } from '../../labels';
import { groupedHash, MarkedSection, PrintTitle } from './printParts';

const measuredFromLabels = { closure: 'closure of the case', last_activity: 'the last recorded activity' } as const;

function programLabel(program: string): string {
  return program === 'any' ? 'any program' : (programLabels[program as keyof typeof programLabels] ?? program);
}

/**
 * The certificate of one disposition: which case was destroyed, under which
 * retention rule, who approved it, and the audit event that remains as proof.
 */
export function DispositionCertificateSheet({ certificate: c, markings, printedBy }: { certificate: Certificate; markings: Markings; printedBy: string }) {
  const portion = portionMark(markings);
  return (
    <div className="certificate-sheet">
      <PrintTitle
        kicker="Insider Threat Program · Records disposition"
        meta={
          <>
            Case <span className="mono">{c.caseNumber}</span> · disposed of {c.disposedAt.slice(0, 16).replace('T', ' ')} UTC
          </>
        }
        markings={markings}
      >
        Certificate of disposition
      </PrintTitle>
      <MarkedSection id="cert-case" portion={portion} heading="Record disposed of">
        <dl className="print-kv cover-kv">
          <dt>Case number</dt>
          <dd className="mono">{c.caseNumber}</dd>
          <dt>Case id</dt>
          <dd className="mono">{c.caseId}</dd>
          <dt>Program</dt>
          <dd>{programLabel(c.program)}</dd>
          <dt>Status at disposition</dt>
          <dd>{statusLabels[c.status]}</dd>
          <dt>Opened</dt>
          <dd>{c.openedOn}</dd>
          <dt>Closed</dt>
          <dd>{c.closedOn ?? 'Not closed'}</dd>
          <dt>Vault</dt>
          <dd className="mono">{c.vaultId}</dd>
        </dl>
      </MarkedSection>
      <MarkedSection id="cert-rule" portion={portion} heading="Retention rule applied">
        <dl className="print-kv cover-kv">
          <dt>Rule</dt>
          <dd>
            {statusLabels[c.rule.status]} cases of {programLabel(c.rule.program)}: kept {c.rule.years} year{c.rule.years === 1 ? '' : 's'} after{' '}
            {measuredFromLabels[c.rule.measuredFrom]}
          </dd>
          <dt>Authority</dt>
          <dd>{c.rule.authority}</dd>
          <dt>Retention started</dt>
          <dd>{c.retentionStartedOn}</dd>
          <dt>Due for disposition</dt>
          <dd>{c.dueOn}</dd>
        </dl>
      </MarkedSection>
      <MarkedSection id="cert-approval" portion={portion} heading="Approval and proof">
        <dl className="print-kv cover-kv">
          <dt>Approved by</dt>
          <dd>{c.approvedBy} (program manager)</dd>
          {c.reason !== null ? (
            <>
              <dt>Reason given</dt>
              <dd className="pre">{c.reason}</dd>
            </>
          ) : null}
          <dt>Disposed of</dt>
          <dd>{c.disposedAt.slice(0, 16).replace('T', ' ')} UTC</dd>
          <dt>Audit event</dt>
          <dd className="mono">#{c.audit.seq}</dd>
          <dt>Event hash</dt>
          <dd className="mono hash">{groupedHash(c.audit.hash)}</dd>
          <dt>Previous hash</dt>
          <dd className="mono hash">{groupedHash(c.audit.prevHash)}</dd>
          <dt>Audit chain</dt>
          <dd>{c.auditChainVerified ? 'Verified: every event up to this one is intact.' : 'NOT VERIFIED: the audit chain has a broken link. Report this to the program manager.'}</dd>
        </dl>
        <p className="item-meta">
          All of the case’s data — its record, indicators, assessments, plans, reports, evidence files and search entries — was deleted from the vault. Only the audit
          event above remains; it is part of the audit log’s hash chain and can be checked with <span className="mono">offramp audit verify</span>.
        </p>
      </MarkedSection>
      <MarkedSection id="cert-sign" portion={portion} heading="Signatures" className="certificate-signatures">
        <table className="print-table custody-lines">
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Name</th>
              <th scope="col">Signature</th>
              <th scope="col">Date</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Approving program manager</td>
              <td>{c.approvedBy}</td>
              <td />
              <td />
            </tr>
            <tr>
              <td>Records officer</td>
              <td />
              <td />
              <td />
            </tr>
          </tbody>
        </table>
        <p className="item-meta">Printed by {printedBy}.</p>
      </MarkedSection>
    </div>
  );
}
