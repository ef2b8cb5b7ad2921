import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `abt-pipeline 0.1.0 (node v20.x)`: the version of the nearest @abt/pipeline package.json above this file. */
export function cliVersion(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@abt/pipeline') return `abt-pipeline ${pkg.version} (node ${process.version})`;
    } catch {
      // no package.json here: keep walking up
    }
    if (path.dirname(dir) === dir) return `abt-pipeline (version unknown; node ${process.version})`;
  }
}
