import { defineConfig, type Options } from 'tsup';

/**
 * The one build recipe every package's tsup.config.ts calls: ESM + CJS + .d.ts,
 * sourcemaps, a clean dist/, Node 20. Swapping bundlers later touches only this file.
 */
export function abtBuild(entry: Record<string, string> | string[] = { index: 'src/index.ts' }, extra: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    ...extra,
  });
}
