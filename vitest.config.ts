import { defineConfig } from 'vitest/config';

// Unit and integration tests: real SQLite files in temp dirs, real sockets on loopback.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/renderer/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
