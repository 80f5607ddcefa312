import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', '.scratch/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // two test files at once on the 2-core CI machine (vitest's default is cores − 1 = 1): most files spend their
    // time waiting on child processes (the CLI tests), so the second file fills the idle core
    maxWorkers: 2,
  },
});
