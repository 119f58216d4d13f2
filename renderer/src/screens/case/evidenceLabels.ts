import type { CaseView } from '../../../../shared/contract/cases';

/** Custody-log actions in words (the code stays in the audit log for support). */
export const custodyActionLabels: Record<string, string> = {
  intake: 'Taken into the vault',
  received_from: 'Received from',
  transferred_to: 'Transferred to',
  copied_to_packet: 'Copied into a referral packet',
  packet_export: 'Referral packet written',
  received_in_packet: 'Received in a referral packet',
  packet_import: 'Referral packet imported',
};

export const custodyActionLabel = (action: string): string => custodyActionLabels[action] ?? action.replaceAll('_', ' ');

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** One line about a custody event: who it went to or came from, why, and which packet. */
export function custodyDetailText(event: CaseView['custody'][number]): string {
  const d = event.detail;
  const parts: string[] = [];
  const from = str(d['receivedFrom']);
  const to = str(d['transferredTo']);
  // The action already says "Received from" / "Transferred to": the name alone follows it.
  if (from !== null) parts.push(event.action === 'received_from' ? from : `from ${from}`);
  if (to !== null) parts.push(event.action === 'transferred_to' ? to : `to ${to}`);
  const on = str(d['on']);
  if (on !== null) parts.push(`on ${on}`);
  const purpose = str(d['purpose']);
  if (purpose !== null) parts.push(`purpose: ${purpose}`);
  const packet = str(d['packetId']) ?? str(d['fromPacket']);
  if (packet !== null) parts.push(`packet ${packet}`);
  const sha = str(d['sha256']);
  if (sha !== null && event.action === 'intake') parts.push(`SHA-256 ${sha.slice(0, 16)}…`);
  return parts.length === 0 ? '—' : parts.join('; ');
}
