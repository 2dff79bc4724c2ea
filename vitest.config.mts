import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Real SQLite files and real servers: forks keep native handles per process.
    pool: 'forks',
    // Vitest's default outside watch mode, one worker fewer than the cores, is a single
    // worker on a 2-core machine like CI's. Much of a test's time is spent waiting on child
    // processes, sockets and fsync, so two workers overlap it: about 8 minutes became 6.5.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
  },
});
