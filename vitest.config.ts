import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'build/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/unit/**/*.test.ts',
    ],
    environment: 'node',
    // Native SQLCipher bindings are safest in separate processes.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
