import type { Handlers } from '../dispatcher';
import { appHandlers } from './app';
import { casesHandlers } from './cases';
import { caseworkHandlers } from './casework';
import { vaultHandlers } from './vault';
import { domainHandlers } from './domain';
import { followUpHandlers } from './followUp';
import { mitigationHandlers } from './mitigation';

/** One handler per contract method; a missing one is a type error. */
export const handlers: Handlers = {
  ...appHandlers,
  ...casesHandlers,
  ...caseworkHandlers,
  ...vaultHandlers,
  ...domainHandlers,
  ...mitigationHandlers,
  ...followUpHandlers,
};
