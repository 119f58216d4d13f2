import { portionMark, type Markings } from '../../../../shared/model/markings';
import type { DispositionCertificate as Certificate } from '../../../../shared/model/retention';
import { programLabels, statusLabels } from '../../labels';
import { DesignationBlock } from './PrintDocument';

const measuredFromLabels = { closure: 'closure of the case', last_activity: 'the last recorded activity' } as const;

function programLabel(program: string): string {
  return program === 'any' ? 'any program' : (programLabels[program as keyof typeof programLabels] ?? program);
}

/** Groups a hash in blocks of 16 so that it can be read aloud and compared. */
function grouped(hash: string): string {
  return hash.replace(/(.{16})(?=.)/g, '$1 ');
}

/**
 * The certificate of one disposition: which case was destroyed, under which
 * retention rule, who approved it, and the audit event that remains as proof.
 */
export function DispositionCertificateSheet({ certificate: c, markings, printedBy }: { certificate: Certificate; markings: Markings; printedBy: string }) {
  const portion = portionMark(markings);
  return (
    <div className="certificate-sheet">
      <header className="print-title">
        <div>
          <p className="print-kicker">Insider Threat Program · Records disposition</p>
          <h1>Certificate of disposition</h1>
          <p className="print-meta">
            Case <span className="mono">{c.caseNumber}</span> · disposed of {c.disposedAt.slice(0, 16).replace('T', ' ')} UTC
          </p>
        </div>
        <DesignationBlock markings={markings} />
      </header>
      <section className="print-section" aria-labelledby="cert-case">
        <h2 id="cert-case">
          <span className="portion">{portion}</span> Record disposed of
        </h2>
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
      </section>
      <section className="print-section" aria-labelledby="cert-rule">
        <h2 id="cert-rule">
          <span className="portion">{portion}</span> Retention rule applied
        </h2>
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
      </section>
      <section className="print-section" aria-labelledby="cert-approval">
        <h2 id="cert-approval">
          <span className="portion">{portion}</span> Approval and proof
        </h2>
        <dl className="print-kv cover-kv">
          <dt>Approved by</dt>
          <dd>{c.approvedBy} (program manager)</dd>
          <dt>Disposed of</dt>
          <dd>{c.disposedAt.slice(0, 16).replace('T', ' ')} UTC</dd>
          <dt>Audit event</dt>
          <dd className="mono">#{c.audit.seq}</dd>
          <dt>Event hash</dt>
          <dd className="mono hash">{grouped(c.audit.hash)}</dd>
          <dt>Previous hash</dt>
          <dd className="mono hash">{grouped(c.audit.prevHash)}</dd>
          <dt>Audit chain</dt>
          <dd>{c.auditChainVerified ? 'Verified: every event up to this one is intact.' : 'NOT VERIFIED: the audit chain has a broken link. Report this to the program manager.'}</dd>
        </dl>
        <p className="item-meta">
          All of the case’s data — its record, indicators, assessments, plans, reports, evidence files and search entries — was deleted from the vault. Only the audit
          event above remains; it is part of the audit log’s hash chain and can be checked with <span className="mono">offramp audit verify</span>.
        </p>
      </section>
      <section className="print-section certificate-signatures" aria-labelledby="cert-sign">
        <h2 id="cert-sign">
          <span className="portion">{portion}</span> Signatures
        </h2>
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
      </section>
    </div>
  );
}
