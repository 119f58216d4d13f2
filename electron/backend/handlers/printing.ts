import type { Handlers } from '../dispatcher';
import { getMarkings, setMarkings } from '../services/markings';
import { printCase, printCoverSheet } from '../services/printing';

export const printingHandlers: Pick<Handlers, 'settings.markings' | 'settings.setMarkings' | 'print.case' | 'print.coverSheet'> = {
  'settings.markings': (_input, ctx) => getMarkings(ctx.requireSession().db),
  'settings.setMarkings': (input, ctx) => setMarkings(ctx.requireSession(), input, ctx.now()),
  'print.case': (input, ctx) => printCase(ctx.requireSession(), ctx.options.host, input, () => ctx.now()),
  'print.coverSheet': (input, ctx) => printCoverSheet(ctx.requireSession(), ctx.options.host, input, () => ctx.now()),
};
