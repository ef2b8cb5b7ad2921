// The one README example harness: pack-install.mjs runs each README's `<!-- runnable-example -->`
// block against the packed tarballs, and the packages' readme tests run their README's examples
// against the sources through `runReadmeExample`. Both find blocks with `readmeBlock`.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const RUNNABLE_MARKER = '<!-- runnable-example -->';

/**
 * The first ```lang fenced block after `anchor` (a heading such as '## Example', or the runnable
 * marker, which must then appear exactly once and be followed directly by the block).
 */
export function readmeBlock(text, { anchor, lang = 'ts' } = {}) {
  if (anchor === RUNNABLE_MARKER) {
    const markers = text.split(RUNNABLE_MARKER).length - 1;
    if (markers !== 1) throw new Error(`README.md has ${markers} ${RUNNABLE_MARKER} markers, expected exactly 1`);
    const m = new RegExp(`${RUNNABLE_MARKER}\\r?\\n\`\`\`${lang}\\r?\\n([\\s\\S]*?)\`\`\``).exec(text);
    if (!m) throw new Error(`README.md: the ${RUNNABLE_MARKER} line is not followed by a \`\`\`${lang} block`);
    return m[1];
  }
  const start = anchor === undefined ? 0 : text.indexOf(anchor);
  if (start < 0) throw new Error(`README.md has no ${JSON.stringify(anchor)}`);
  const m = new RegExp(`\`\`\`${lang}\\r?\\n([\\s\\S]*?)\`\`\``).exec(text.slice(start));
  if (!m) throw new Error(`README.md has no \`\`\`${lang} block after ${JSON.stringify(anchor ?? 'its start')}`);
  return m[1];
}

/**
 * Runs a README example as written, inside `dir` (so bare imports resolve as they do for the
 * package's tests), with `imports` pointing package specifiers at source files and `replace`
 * pointing data paths at test fixtures. Returns the argument lists of its console.log calls.
 */
export async function runReadmeExample({ readme, anchor, lang = 'ts', dir, imports = {}, replace = [], env = {} }) {
  let code = readmeBlock(readFileSync(readme, 'utf8'), { anchor, lang });
  for (const [spec, file] of Object.entries(imports)) code = code.replaceAll(`from '${spec}'`, `from ${JSON.stringify(file)}`);
  for (const [from, to] of replace) {
    if (!code.includes(from)) throw new Error(`README example has no ${JSON.stringify(from)} to replace`);
    code = code.replaceAll(from, to);
  }
  const file = path.join(dir, `.readme-example-${process.pid}-${Date.now()}.${lang === 'js' ? 'mjs' : 'ts'}`);
  writeFileSync(file, `${code}\nexport {};\n`);
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const printed = [];
  const log = console.log;
  console.log = (...args) => printed.push(args);
  Object.assign(process.env, env);
  try {
    await import(/* @vite-ignore */ file);
    return printed;
  } finally {
    console.log = log;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(file, { force: true });
  }
}
