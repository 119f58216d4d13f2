import type { Handlers } from './types';

export const appHandlers: Pick<Handlers, 'app.info'> = {
  'app.info': (_input, ctx) => ({
    name: 'Offramp',
    version: ctx.options.version,
    transport: ctx.options.transport,
    dataDir: ctx.options.dataDir,
  }),
};
