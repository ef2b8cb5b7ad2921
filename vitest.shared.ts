import { defineProject } from 'vitest/config';

/**
 * Shared per-package test settings. Workspace packages resolve through the
 * `@abt/source` export condition to their TypeScript sources, so a package's tests
 * never wait on a sibling's build.
 */
export function abtTest(name: string, extra: { testTimeout?: number; include?: string[]; exclude?: string[] } = {}) {
  return defineProject({
    resolve: { conditions: ['@abt/source'] },
    ssr: { resolve: { conditions: ['@abt/source'] } },
    test: {
      name,
      include: extra.include ?? ['src/**/*.test.ts', 'test/**/*.test.ts'],
      exclude: extra.exclude ?? ['**/node_modules/**', 'test/interop/**', 'test/browser/**'],
      testTimeout: extra.testTimeout ?? 30_000,
      hookTimeout: 60_000,
    },
  });
}
