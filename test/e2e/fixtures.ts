import { test as base } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchApp, type LaunchedApp } from '../harness/launchApp';

export const screenshotDir = resolve(import.meta.dirname, '..', '..', 'test-results', 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

export function screenshotPath(name: string): string {
  return join(screenshotDir, `${name}.png`);
}

/** `app`: the real renderer in Chromium on a real backend with a fresh data directory. */
export const test = base.extend<{ app: LaunchedApp }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as the first argument.
  app: async ({}, use) => {
    const app = await launchApp({ backend: { kdf: 'fast-insecure-for-tests' } });
    await use(app);
    await app.close();
  },
});

export { expect } from '@playwright/test';
