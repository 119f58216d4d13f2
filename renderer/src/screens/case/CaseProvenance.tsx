import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { Alert } from '../../components/Alert';

type PacketRecord = MethodOutput<'packets.history'>[number];

/**
 * Where an imported case came from: the sending hub (by the label its signing key
 * is pinned under), the sender's case number, the packet and its purpose, and
 * when and by whom it was imported. Nothing for a case opened in this vault.
 */
export function CaseProvenance({ caseId, sourcePacketId }: { caseId: string; sourcePacketId: string | null }) {
  const [record, setRecord] = useState<PacketRecord | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (sourcePacketId === null) return;
    call('packets.history', { caseId }).then(
      (rows) => setRecord(rows.find((r) => r.direction === 'import' && r.packetId === sourcePacketId) ?? null),
      (e: unknown) => setFailure(errorMessage(e)),
    );
  }, [caseId, sourcePacketId]);
  if (sourcePacketId === null) return null;
  if (failure !== null) {
    return (
      <Alert as="p" kind="error">
        {failure}
      </Alert>
    );
  }
  return (
    <p className="case-provenance muted" data-testid="case-provenance">
      Imported from a referral packet
      {record === null ? (
        <>
          {' '}
          <span className="mono">{sourcePacketId}</span>.
        </>
      ) : (
        <>
          {' '}
          sent by {record.signerLabel ?? 'a hub whose key is no longer pinned'} (their case <span className="mono">{record.caseNumber}</span>, for “{record.purpose}”), imported on {record.at.slice(0, 10)} by {record.actor}. Packet{' '}
          <span className="mono">{record.packetId}</span>.
        </>
      )}
    </p>
  );
}
