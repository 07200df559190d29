import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/property/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Property tests and the integration suite open many in-memory databases.
    pool: 'forks',
  },
})
