import type { Handlers } from './types';
import { requireVaultOp } from '../services/access';
import { homeDashboard } from '../services/dashboard';

export const dashboardHandlers: Pick<Handlers, 'home.dashboard'> = {
  'home.dashboard': (_input, ctx) => {
    const session = ctx.requireSession();
    // Hub-wide figures count every case, so they are the program manager's (permission map).
    requireVaultOp(session.db, session.user, 'program.dashboard', ctx.now());
    return homeDashboard(session.db, ctx.now().toISOString().slice(0, 10));
  },
};
