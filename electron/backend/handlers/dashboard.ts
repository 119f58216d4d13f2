import type { Handlers } from './types';
import { localToday } from '../../../shared/model/schedule';
import { requireVaultOp } from '../services/access';
import { homeDashboard } from '../services/dashboard';

export const dashboardHandlers: Pick<Handlers, 'home.dashboard'> = {
  'home.dashboard': (_input, ctx) => {
    const session = ctx.requireSession();
    // Hub-wide figures count every case, so they are the program manager's (permission map).
    requireVaultOp(session.db, session.user, 'program.dashboard', ctx.now());
    // Today on this workstation's calendar, the same day the case list, Home and the case screens count from.
    return homeDashboard(session.db, localToday(ctx.now()));
  },
};
