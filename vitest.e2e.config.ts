import { defineConfig } from 'vitest/config';

// Browser and desktop tests against the built app (`npm run build` first): one file at a time,
// since each starts a server and a browser on this 2-core machine.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts', 'test/electron/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
