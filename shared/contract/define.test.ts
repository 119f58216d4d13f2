import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { method, joinContracts } from './define';
import { contract, isMethodName } from './index';

const m = method({ summary: 'x', input: z.object({}), output: z.null() });

describe('joinContracts', () => {
  it('refuses a method declared twice', () => {
    expect(() => joinContracts({ 'cases.list': m }, { 'cases.list': m })).toThrow(/declared twice/);
  });
  it('refuses names that are not domain.action', () => {
    expect(() => joinContracts({ caseslist: m })).toThrow(/domain\.action/);
  });
  it('names every method of the contract domain.action', () => {
    for (const name of Object.keys(contract)) expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
  });
  it('does not mistake inherited properties for methods', () => {
    expect(isMethodName('constructor')).toBe(false);
    expect(isMethodName('app.info')).toBe(true);
  });
});
