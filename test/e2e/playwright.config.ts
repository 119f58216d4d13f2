import { defineConfig } from '@playwright/test';

// The e2e tests launch Debian's Chromium themselves through test/harness/launchApp.ts;
// no browser is downloaded and no server is started.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
});
