// Reads a README's "## Result types" section: one `### \`TypeName\`` heading per type, followed by a
// markdown table whose first column lists the type's fields (`name`, or `name?` when optional). The
// packages' readme-result-types tests build a real value of each type and compare its keys with the
// table, so the documented fields cannot drift from the code.
import { readFileSync } from 'node:fs';

export const RESULT_TYPES_HEADING = '## Result types';

/** Splits a markdown table row into cells, honouring `\|` escapes. */
function cells(line) {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** `{ TypeName: { required: string[], optional: string[] } }` from the README text. */
export function parseResultTypes(text, { heading = RESULT_TYPES_HEADING } = {}) {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no ${JSON.stringify(heading)} section`);
  const rest = text.slice(start + heading.length + 2);
  const end = rest.search(/^## /m);
  const lines = (end < 0 ? rest : rest.slice(0, end)).split(/\r?\n/);
  const types = {};
  let current;
  let inTable = false;
  for (const line of lines) {
    const h = /^### `([A-Za-z0-9_.<>]+)`/.exec(line);
    if (h) {
      if (types[h[1]]) throw new Error(`README.md documents result type ${h[1]} twice`);
      current = types[h[1]] = { required: [], optional: [] };
      inTable = false;
      continue;
    }
    if (line.startsWith('#')) {
      current = undefined; // any other heading ends the type above it
      inTable = false;
      continue;
    }
    if (!line.startsWith('|')) {
      inTable = false;
      continue;
    }
    if (!current) throw new Error(`README.md: a table row outside a result type's heading: ${line}`);
    const first = cells(line)[0];
    if (!inTable) {
      inTable = true; // header row
      continue;
    }
    if (/^:?-+:?$/.test(first)) continue; // separator row
    const m = /^`([A-Za-z0-9_$]+)(\?)?`$/.exec(first);
    if (!m) throw new Error(`README.md: result-type field cell ${JSON.stringify(first)} is not \`name\` or \`name?\``);
    (m[2] ? current.optional : current.required).push(m[1]);
  }
  if (Object.keys(types).length === 0) throw new Error(`README.md: ${heading} documents no types`);
  for (const [name, t] of Object.entries(types)) {
    if (t.required.length + t.optional.length === 0) throw new Error(`README.md: result type ${name} has no field table`);
  }
  return types;
}

/**
 * The README's result types with a checker: `check(name, value)` returns the fields the README
 * documents as required but `value` lacks and the keys of `value` the README does not document;
 * `unchecked()` lists documented types no test has checked yet.
 */
export function readmeResultTypes(readmePath, options) {
  const types = parseResultTypes(readFileSync(readmePath, 'utf8'), options);
  const checked = new Set();
  const result = {
    types,
    check(name, value) {
      const t = types[name];
      if (!t) throw new Error(`README.md documents no result type ${name} (documented: ${Object.keys(types).join(', ')})`);
      if (value === null || typeof value !== 'object') throw new Error(`${name}: the value checked is not an object`);
      checked.add(name);
      const keys = Object.keys(value);
      const documented = new Set([...t.required, ...t.optional]);
      return {
        missing: t.required.filter((k) => !keys.includes(k)),
        undocumented: keys.filter((k) => !documented.has(k)),
      };
    },
    unchecked() {
      return Object.keys(types).filter((n) => !checked.has(n));
    },
    expectDocumented,
    expectEach(name, values) {
      if (values.length === 0) throw new Error(`${name}: no values to check`);
      for (const v of values) expectDocumented(name, v);
    },
  };
  /** Throws, naming the fields, unless `value` has exactly the README's fields for `name`. */
  function expectDocumented(name, value) {
    const { missing, undocumented } = result.check(name, value);
    if (missing.length + undocumented.length > 0) {
      throw new Error(
        `${name}: README documents ${JSON.stringify(missing)} that the value lacks; the value has ${JSON.stringify(undocumented)} that the README does not document`,
      );
    }
  }
  return result;
}
