import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/setup/build.ts', 'test/setup/cache-folder.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
