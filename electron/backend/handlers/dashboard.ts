import type { Handlers } from './types';
import { homeDashboard } from '../services/dashboard';

export const dashboardHandlers: Pick<Handlers, 'home.dashboard'> = {
  'home.dashboard': (_input, ctx) => homeDashboard(ctx.requireSession().db, ctx.now().toISOString().slice(0, 10)),
};
