import type { Handlers } from './types';
import { localToday } from '../../../shared/model/schedule';
import { programDashboard } from '../services/dashboard';

export const dashboardHandlers: Pick<Handlers, 'home.dashboard'> = {
  'home.dashboard': (_input, ctx) => {
    const session = ctx.requireSession();
    // Today on this workstation's calendar, the same day the case list, Home and the case screens count from.
    return programDashboard(session, session.user, ctx.now(), localToday(ctx.now()));
  },
};
