// `pnpm bench router --sections loop --profile-server <dir>`: where the served loop's server spends
// its CPU during the /predict runs. Reads the profile loop-server.mjs writes (node:inspector) and
// prints the share of busy time (idle excluded) by component and the functions with the most self time.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SOCKET_WRITES = new Set(['writev', 'writeUtf8String', 'writeBuffer', 'writeLatin1String', 'writeAsciiString']);

function componentOf({ functionName, url }) {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (SOCKET_WRITES.has(functionName) && url === '') return 'socket writes (system calls)';
  if (/\/router\/dist\//.test(url)) return '@abt/router';
  if (/\/features\/dist\//.test(url)) return '@abt/features';
  if (/\/models\/dist\//.test(url)) return '@abt/models';
  if (/node_modules\/(\.pnpm\/)?(@redis|redis)/.test(url)) return 'redis client';
  if (/node_modules\//.test(url)) return 'fastify and its parsers';
  if (url.startsWith('node:')) return 'Node.js (http, streams, timers)';
  return 'other (native, program)';
}

/** Prints the summary of the newest .cpuprofile in `dir`; `label` names the run. */
export function printProfileSummary(dir, label, top = 12) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f));
  if (files.length === 0) return console.log(`  profile (${label}): none written in ${dir}`);
  const file = files.map((f) => [f, readFileSync(f)]).sort((a, b) => b[1].length - a[1].length)[0];
  const p = JSON.parse(file[1].toString('utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const skip = new Map();
  const skipped = (id) => {
    if (skip.has(id)) return skip.get(id);
    const { functionName, url } = byId.get(id).callFrame;
    const s =
      functionName === '(idle)' ||
      functionName === 'evaluate' ||
      url.endsWith('loop-server.mjs') ||
      url.endsWith('/bench/real-policies.mjs') ||
      (parent.has(id) && skipped(parent.get(id)));
    skip.set(id, s);
    return s;
  };
  const self = new Map();
  const comp = new Map();
  let busy = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i];
    const dt = p.timeDeltas[i] ?? 0;
    if (skipped(id)) continue;
    const cf = byId.get(id).callFrame;
    busy += dt;
    const key = `${cf.functionName || '(anonymous)'} ${cf.url ? `${cf.url.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}` : '(native)'}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const c = componentOf(cf);
    comp.set(c, (comp.get(c) ?? 0) + dt);
  }
  const pct = (t) => `${((100 * t) / busy).toFixed(1).padStart(5)} %`;
  console.log(`  server CPU profile (${label}; ${(busy / 1e6).toFixed(1)} s busy; ${file[0]}):`);
  for (const [c, t] of [...comp].sort((a, b) => b[1] - a[1])) console.log(`    ${pct(t)}  ${c}`);
  console.log(`    top self time:`);
  for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${pct(t)}  ${k}`);
}
