import { defineConfig } from 'vitest/config';

// Pages a person looks at, opened in Debian's headless Chromium (ABT_CHROMIUM).
export default defineConfig({
  resolve: { conditions: ['@abt/source'] },
  ssr: { resolve: { conditions: ['@abt/source'] } },
  test: {
    include: ['packages/*/test/browser/**/*.test.ts', 'apps/*/test/browser/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
