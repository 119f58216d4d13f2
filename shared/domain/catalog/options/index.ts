import type { OptionId } from '../../ids';
import type { ResponseOption } from '../schema';
import { environmentOptions } from './environment';
import { personOptions } from './person';
import { victimOptions } from './victim';

/** Every response option both guides name: for the person, potential victims, and the environment. */
export const responseOptions: readonly ResponseOption[] = [...personOptions, ...victimOptions, ...environmentOptions];

const byId = new Map<OptionId, ResponseOption>(responseOptions.map((o) => [o.id, o]));

/** The catalog entry of an option; every option id has one (a test checks it). */
export function optionById(id: OptionId): ResponseOption {
  const option = byId.get(id);
  if (option === undefined) throw new Error(`The catalog has no response option "${id}".`);
  return option;
}
