import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract';
import { createBackend } from './backend';
import { createContext } from './context';
import { createDispatcher, type Handlers } from './dispatcher';
import { handlers } from './handlers';

const dataDir = mkdtempSync(join(tmpdir(), 'offramp-dispatch-'));
const options = { dataDir, transport: 'harness' as const, version: '1.2.3', log: () => undefined };

describe('dispatcher', () => {
  it('runs a method and returns its value in an ok envelope', async () => {
    const backend = createBackend(options);
    await expect(backend.invoke('app.info', {})).resolves.toEqual({
      ok: true,
      value: { name: 'Offramp', version: '1.2.3', transport: 'harness', dataDir },
    });
  });

  it.each([
    ['no.suchMethod', 'Unknown method "no.suchMethod"'],
    [42, 'Unknown method number'],
    ['__proto__', 'Unknown method "__proto__"'],
    ['toString', 'Unknown method "toString"'],
  ])('answers unknown_method for %s', async (method, message) => {
    const backend = createBackend(options);
    await expect(backend.invoke(method, {})).resolves.toEqual({ ok: false, error: { code: 'unknown_method', message: `${message}.` } });
  });

  it('rejects input that does not match the schema, naming the field', async () => {
    const backend = createBackend(options);
    const result = await backend.invoke('app.info', { extra: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!result.ok && result.error.message).toContain('app.info');
    await expect(backend.invoke('app.info', 'a string')).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('turns a service error into its envelope, and an unexpected throw into internal', async () => {
    const ctx = createContext(options);
    const logged: string[] = [];
    ctx.log = (line) => logged.push(line);
    const failing: Handlers = {
      ...handlers,
      'app.info': () => {
        throw new AppError('not_found', 'No such case.');
      },
    };
    await expect(createDispatcher(failing, ctx)('app.info', {})).resolves.toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such case.' },
    });
    const crashing: Handlers = {
      ...handlers,
      'app.info': () => {
        throw new TypeError('boom');
      },
    };
    const result = await createDispatcher(crashing, ctx)('app.info', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'app.info failed unexpectedly. Nothing was changed.' } });
    expect(logged.join('\n')).toContain('TypeError: boom');
  });

  it('refuses a result that breaks the output schema', async () => {
    const ctx = createContext(options);
    ctx.log = () => undefined;
    const wrong = { ...handlers, 'app.info': () => ({ name: 'Other' }) } as unknown as Handlers;
    await expect(createDispatcher(wrong, ctx)('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'invalid_output' } });
  });
});
