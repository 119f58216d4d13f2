import { describe, expect, it } from 'vitest';
import { backupAge, daysSince } from './backupAge';

const now = new Date('2026-11-23T15:00:00Z');

describe('backup age on the Records and Home screens', () => {
  it('counts whole days since the last verified backup, never negative', () => {
    expect(daysSince('2026-11-23T09:00:00Z', now)).toBe(0);
    expect(daysSince('2026-11-22T15:00:00Z', now)).toBe(1);
    expect(daysSince('2026-11-10T16:00:00Z', now)).toBe(12);
    expect(daysSince('2026-11-24T09:00:00Z', now)).toBe(0);
  });

  it('says when there has been no verified backup', () => {
    const status = { lastVerifiedAt: null, lastBackupName: null, reminderDays: 7, due: true };
    expect(backupAge(status, now)).toBe('No verified backup yet');
    expect(backupAge({ ...status, lastVerifiedAt: '2026-11-23T08:00:00Z' }, now)).toBe('today');
    expect(backupAge({ ...status, lastVerifiedAt: '2026-11-22T08:00:00Z' }, now)).toBe('1 day ago');
    expect(backupAge({ ...status, lastVerifiedAt: '2026-11-01T08:00:00Z' }, now)).toBe('22 days ago');
  });
});
