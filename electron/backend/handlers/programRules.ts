import type { Handlers } from './types';
import { exportProgramRules, getProgramRules, saveProgramRules } from '../services/programRules';

export const programRulesHandlers: Pick<Handlers, 'programRules.get' | 'programRules.save' | 'programRules.export'> = {
  'programRules.get': (_input, ctx) => getProgramRules(ctx.requireSession()),
  'programRules.save': (input, ctx) => saveProgramRules(ctx.requireSession(), input, ctx.now()),
  'programRules.export': (_input, ctx) => exportProgramRules(ctx.requireSession(), ctx.options.host, () => ctx.now()),
};
