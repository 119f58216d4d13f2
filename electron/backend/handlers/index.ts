import type { Handlers } from '../dispatcher';
import { appHandlers } from './app';
import { casesHandlers } from './cases';
import { recordsHandlers } from './records';
import { vaultHandlers } from './vault';
import { domainHandlers } from './domain';

/** One handler per contract method; a missing one is a type error. */
export const handlers: Handlers = {
  ...appHandlers,
  ...casesHandlers,
  ...vaultHandlers,
  ...domainHandlers,
  ...recordsHandlers,
};
