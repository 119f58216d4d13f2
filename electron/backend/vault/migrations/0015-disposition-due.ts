import type { Migration } from './types';

/**
 * Dispositions due are read on every program manager's Home. A case can only
 * be due once its retention has started long enough ago (closure or last
 * activity), so `dispositionsDue` seeks the cases closed, or last active,
 * before the earliest possible start: last activity through the existing
 * cases_sort_activity index, closure through this one (closed cases only).
 */
export const migration0015: Migration = {
  version: 15,
  name: 'disposition-due',
  up: `
CREATE INDEX cases_retention_closed ON cases(closed_at) WHERE closed_at IS NOT NULL;
`,
};
