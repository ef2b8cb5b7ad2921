// `pnpm bench models`: runs each model benchmark present here, in order. A benchmark module
// exports `run()` (and runs itself when executed directly); one that only has top-level
// code has already run by the time its import resolves.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
for (const name of ['linear.mjs', 'gbdt.mjs', 'gbdt-predict.mjs']) {
  const file = path.join(here, name);
  if (!existsSync(file)) continue;
  console.log(`\n--- ${name} ---`);
  const mod = await import(pathToFileURL(file).href);
  if (typeof mod.run === 'function') await mod.run();
}
