import type { BackendContext } from '../context';
import { lockSession } from '../context';
import type { Handlers } from './types';
import { openTraining, resetTraining } from '../services/training';

const options = (ctx: BackendContext) => ({ now: () => ctx.now(), kdf: ctx.options.kdf ?? 'default' });

export const trainingHandlers: Pick<Handlers, 'training.open' | 'training.reset'> = {
  'training.open': async (_input, ctx) => {
    if (ctx.session !== null) lockSession(ctx, 'user');
    const { session, cases } = await openTraining(ctx.options.dataDir, options(ctx));
    ctx.training = true;
    ctx.session = session;
    return { user: session.user, cases };
  },
  'training.reset': async (_input, ctx) => {
    const { session, cases } = await resetTraining(
      ctx.requireSession(),
      () => {
        ctx.session = null;
      },
      ctx.options.dataDir,
      options(ctx),
    );
    ctx.training = true;
    ctx.session = session;
    return { user: session.user, cases };
  },
};
