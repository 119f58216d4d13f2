import { catalog } from '../../../shared/domain/catalog';
import { evaluate } from '../../../shared/domain/evaluate/evaluate';
import type { Handlers } from './types';

export const domainHandlers: Pick<Handlers, 'domain.evaluate' | 'domain.catalog'> = {
  'domain.evaluate': (input) => evaluate(input),
  'domain.catalog': () => catalog,
};
