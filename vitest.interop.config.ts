import { defineConfig } from 'vitest/config';

// Contract suites against the real Python packages and a real `mlflow server`;
// run through scripts/interop.sh, which provides ABT_PYTHON and ABT_MLFLOW_URL.
export default defineConfig({
  resolve: { conditions: ['@abt/source'] },
  ssr: { resolve: { conditions: ['@abt/source'] } },
  test: {
    include: ['packages/*/test/interop/**/*.test.ts', 'apps/*/test/interop/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
