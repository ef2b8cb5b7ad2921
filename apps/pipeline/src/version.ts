import { readFileSync } from 'node:fs';

/**
 * `abt-pipeline 0.1.0 (node v20.x)`: the app's package.json version, read beside the bundle
 * (`dist/cli.js` and `src/*.ts` both sit one level under the app directory).
 */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return `abt-pipeline ${pkg.version} (node ${process.version})`;
}
