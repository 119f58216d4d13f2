import type { Handlers } from './types';
import { printableAuditHead } from '../services/vaultAdmin';
import { getMarkings, setMarkings } from '../services/markings';
import { printCase, printCoverSheet, printDispositionCertificate } from '../services/printing';

export const printingHandlers: Pick<Handlers, 'settings.markings' | 'settings.setMarkings' | 'print.auditHead' | 'print.case' | 'print.coverSheet' | 'print.dispositionCertificate'> = {
  'settings.markings': (_input, ctx) => getMarkings(ctx.requireSession().db),
  'settings.setMarkings': (input, ctx) => setMarkings(ctx.requireSession(), input, ctx.now()),
  'print.auditHead': (_input, ctx) => printableAuditHead(ctx.requireSession()),
  'print.case': (input, ctx) => printCase(ctx.requireSession(), ctx.options.host, input, () => ctx.now()),
  'print.coverSheet': (input, ctx) => printCoverSheet(ctx.requireSession(), ctx.options.host, input, () => ctx.now()),
  'print.dispositionCertificate': (input, ctx) => printDispositionCertificate(ctx.requireSession(), ctx.options.host, input, () => ctx.now()),
};
