import type { CoverSheetPacket } from '../../../../shared/contract/printing';
import { portionMark, type Markings } from '../../../../shared/model/markings';
import { groupedHash, MarkedSection, PrintTitle } from './printParts';

/**
 * The one-page cover sheet that travels with a referral packet on removable
 * media: what the packet is, how to check it, and who handled it.
 */
export function CoverSheet({ packet, markings }: { packet: CoverSheetPacket; markings: Markings }) {
  const portion = portionMark(markings);
  return (
    <div className="cover-sheet">
      <PrintTitle kicker="Insider Threat Program · Referral packet" meta="Attach to the removable medium that holds the packet. Do not separate." markings={markings}>
        Referral cover sheet
      </PrintTitle>
      <MarkedSection id="cover-packet" portion={portion} heading="Packet">
        <dl className="print-kv cover-kv">
          <dt>Recipient</dt>
          <dd>{packet.recipient}</dd>
          <dt>Case</dt>
          <dd className="mono">{packet.caseNumber}</dd>
          <dt>Packet id</dt>
          <dd className="mono">{packet.packetId}</dd>
          <dt>Manifest SHA-256</dt>
          <dd className="mono hash">{groupedHash(packet.manifestSha256)}</dd>
          <dt>Created</dt>
          <dd>
            {packet.createdAt.slice(0, 16).replace('T', ' ')} UTC by {packet.createdBy}
          </dd>
        </dl>
        <p className="item-meta">
          The packet is encrypted. On receipt, verify it before opening: <span className="mono">offramp packet verify FILE</span> checks the signature and every hash; the manifest
          hash above must match.
        </p>
      </MarkedSection>
      <MarkedSection id="cover-custody" portion={portion} heading="Chain of custody">
        <table className="print-table custody-lines">
          <thead>
            <tr>
              <th scope="col">Released by (name, organization)</th>
              <th scope="col">Received by (name, organization)</th>
              <th scope="col">Date and time</th>
              <th scope="col">Signatures (released · received)</th>
            </tr>
          </thead>
          <tbody>
            {[1, 2, 3, 4, 5, 6].map((n) => (
              <tr key={n}>
                <td />
                <td />
                <td />
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      </MarkedSection>
    </div>
  );
}
