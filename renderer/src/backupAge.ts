import type { BackupStatus } from '../../shared/contract/records';

/** Whole days from an ISO timestamp to now. */
export function daysSince(iso: string, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000));
}

export function backupAge(status: BackupStatus, now: Date = new Date()): string {
  if (status.lastVerifiedAt === null) return 'No verified backup yet';
  const days = daysSince(status.lastVerifiedAt, now);
  return days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
}
