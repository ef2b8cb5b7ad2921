// `pnpm bench analyze`: the warehouse analysis (@abt/eval/sql) on generated Parquet, against pandas doing the
// same per-unit join and aggregation on the same files in the same run.
//   (a) 10 M exposures + 50 M events, DuckDB: goal < 60 s and < 4 GB peak RSS, and faster than pandas
//   (b) 100 M events, DuckDB: completes (time and RSS printed)
//   (c) PostgreSQL (a real server from Debian) on 1 M exposures + 5 M events: measured
// `--scale=tiny` runs the same cases on 1/500 of the rows (a check that the benchmark works).
// `--cases=a,b,c` picks cases; `--keep` keeps the generated files (in $ABT_BENCH_DIR or the temp dir).
// Each figure is the median [min–max] of the harness's runs, pandas' alike (scripts/bench/harness.mjs).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { experimentTablesSql } from './analysis-data.mjs';
import { createBench, referenceEnv } from '../../../scripts/bench/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const python = process.env.ABT_PYTHON ?? path.join(repoRoot, '.venv/bin/python');
const args = process.argv.slice(2);
// `--name=value` (pnpm bench passes only arguments that start with '-').
const flag = (name) => args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
const scale = flag('--scale') ?? 'full';
const cases = (flag('--cases') ?? 'a,b,c').split(',');
const keep = args.includes('--keep');
// 'tiny' = 1/500 of the rows; a number N = 1/N.
const div = scale === 'tiny' ? 500 : scale === 'full' ? 1 : Number(scale);
const PG_BIN = process.env.ABT_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const base = process.env.ABT_BENCH_DIR ?? os.tmpdir();
mkdirSync(base, { recursive: true });
const dir = mkdtempSync(path.join(base, 'abt-analyze-bench-'));
chmodSync(dir, 0o777);

/** Writes exposures and events for `units` units as Parquet (or CSV) files with DuckDB; returns the row counts. */
async function generate(name, units, sessions, format = 'parquet') {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const t0 = performance.now();
  // Row order in the files does not matter to any reader: let DuckDB write them in parallel.
  await c.run('SET preserve_insertion_order = false');
  for (const sql of experimentTablesSql({ units, sessions, seed: 42, lift: 0.03, eventsView: true })) await c.run(sql);
  const files = { exposures: path.join(dir, `${name}-exposures.${format}`), events: path.join(dir, `${name}-events.${format}`) };
  const opts = format === 'parquet' ? '(FORMAT parquet, ROW_GROUP_SIZE 1000000)' : '(FORMAT csv, HEADER true)';
  // CSV for PostgreSQL's COPY: timestamps as ISO text with an offset.
  const exposuresSelect =
    format === 'csv'
      ? "SELECT userId, strftime(time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS time, arm, experiment, inExperiment FROM exposures"
      : 'SELECT * FROM exposures';
  const eventsSelect =
    format === 'csv' ? "SELECT userId, strftime(time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS time, event, value FROM events" : 'SELECT * FROM events';
  await c.run(`COPY (${exposuresSelect}) TO '${files.exposures}' ${opts}`);
  await c.run(`COPY (${eventsSelect}) TO '${files.events}' ${opts}`);
  // Counted from the files (the events are a view: counting it would generate them again).
  const reader = format === 'parquet' ? 'read_parquet' : 'read_csv';
  const count = async (f) => Number((await c.runAndReadAll(`SELECT COUNT(*) AS n FROM ${reader}('${f}')`)).getRowObjects()[0].n);
  const rows = { exposures: await count(files.exposures), events: await count(files.events) };
  c.closeSync();
  instance.closeSync();
  for (const f of Object.values(files)) chmodSync(f, 0o644);
  console.log(
    `  generated ${name}: ${rows.exposures.toLocaleString('en')} exposures, ${rows.events.toLocaleString('en')} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { files, rows };
}

function child(cmd, argv) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 24, env: referenceEnv() });
  if (r.status !== 0) throw new Error(`${path.basename(argv[0] ?? cmd)} failed (${r.status}): ${r.stderr.slice(-3000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}
// DuckDB's memory limit at 3 GB (it spills past it): the goal is < 4 GB peak RSS for the whole process.
const duck = (exposures, events) => child(process.execPath, [path.join(here, 'analysis-run.mjs'), 'duckdb', exposures, events, '3GB']);
const pandas = (exposures, events) => child(python, [path.join(here, 'analysis_pandas.py'), exposures, events]);

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A PostgreSQL server as user postgres in a temp dir on a free port (stopped in `finally`). */
async function withPostgres(fn) {
  const pgDir = path.join(dir, 'pg');
  mkdirSync(pgDir);
  chmodSync(pgDir, 0o777);
  const asRoot = process.getuid?.() === 0;
  const pg = (cmd, argv) =>
    asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, cmd), ...argv]) : execFileSync(path.join(PG_BIN, cmd), argv);
  pg('initdb', ['-D', path.join(pgDir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  pg('pg_ctl', [
    '-D',
    path.join(pgDir, 'data'),
    '-l',
    path.join(pgDir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${pgDir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=512MB -c work_mem=256MB`,
    'start',
  ]);
  try {
    return await fn(`postgres://postgres@127.0.0.1:${port}/postgres`, (sql) =>
      pg('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql]),
    );
  } finally {
    pg('pg_ctl', ['-D', path.join(pgDir, 'data'), '-m', 'fast', '-w', 'stop']);
  }
}

const h = createBench('analyze', { python });
const runsOf = (runs, key) => runs.map((r) => r[key]);
console.log(`analyze benchmark (${scale} scale; files in ${dir})`);
try {
  if (cases.includes('a')) {
    // 6.9 M units × 1.45 exposure lines ≈ 10 M exposures; 2.44 sessions ≈ 7.3 events per unit ≈ 50 M events.
    const { files, rows } = await generate('a', Math.round(6_900_000 / div), 2.44);
    const a = await h.pair(
      () => duck(files.exposures, files.events),
      () => pandas(files.exposures, files.events),
    );
    const [d, p] = [a.abt.at(-1), a.ref.at(-1)];
    if (JSON.stringify(d.units) !== JSON.stringify(p.units)) throw new Error(`units differ: DuckDB ${d.units} vs pandas ${p.units}`);
    const name = `(a) ${rows.exposures.toLocaleString('en')} exposures + ${rows.events.toLocaleString('en')} events, Parquet, DuckDB`;
    const small = div > 1 ? { text: `${scale} scale: not the goal size` } : {};
    h.figure({
      name,
      unit: 's',
      abt: runsOf(a.abt, 'seconds'),
      ref: { name: 'pandas, same join and aggregation', values: runsOf(a.ref, 'seconds') },
      goal: { ...small, abt: '< 60', ratio: '< 1' },
    });
    h.figure({
      name: `${name}, peak RSS`,
      unit: 'MB',
      abt: runsOf(a.abt, 'maxRssMB'),
      ref: { name: 'pandas', values: runsOf(a.ref, 'maxRssMB') },
      goal: { ...small, abt: '< 4096' },
    });
  }
  if (cases.includes('b')) {
    const { files, rows } = await generate('b', Math.round(13_800_000 / div), 2.44);
    const b = await h.repeat(() => duck(files.exposures, files.events));
    const name = `(b) ${rows.exposures.toLocaleString('en')} exposures + ${rows.events.toLocaleString('en')} events, Parquet, DuckDB`;
    h.figure({ name, unit: 's', abt: runsOf(b, 'seconds'), goal: { text: 'completes' } });
    h.figure({ name: `${name}, peak RSS`, unit: 'MB', abt: runsOf(b, 'maxRssMB'), goal: 'none' });
  }
  if (cases.includes('c')) {
    if (!existsSync(path.join(PG_BIN, 'initdb'))) console.log(`(c) skipped: no PostgreSQL in ${PG_BIN}`);
    else {
      const { files, rows } = await generate('c', Math.round(690_000 / div), 2.44, 'csv');
      await withPostgres(async (url, psql) => {
        const t0 = performance.now();
        psql('CREATE TABLE exposures ("userId" text, "time" timestamptz, arm text, experiment text, "inExperiment" boolean)');
        psql('CREATE TABLE events ("userId" text, "time" timestamptz, event text, value double precision)');
        psql(`COPY exposures FROM '${files.exposures}' WITH (FORMAT csv, HEADER true)`);
        psql(`COPY events FROM '${files.events}' WITH (FORMAT csv, HEADER true)`);
        psql('ANALYZE exposures; ANALYZE events');
        const load = (performance.now() - t0) / 1000;
        const c = await h.pair(
          () => child(process.execPath, [path.join(here, 'analysis-run.mjs'), 'postgres', url, 'exposures', 'events']),
          () => duck(files.exposures, files.events),
        );
        const [r, d] = [c.abt.at(-1), c.ref.at(-1)];
        console.log(
          `(c) PostgreSQL 15 loaded ${rows.exposures.toLocaleString('en')} exposures + ${rows.events.toLocaleString('en')} events in ${load.toFixed(1)} s`,
        );
        h.figure({
          name: `(c) ${rows.exposures.toLocaleString('en')} exposures + ${rows.events.toLocaleString('en')} events, PostgreSQL 15 analysis`,
          unit: 's',
          abt: runsOf(c.abt, 'seconds'),
          ref: { name: 'DuckDB on the same CSV files', values: runsOf(c.ref, 'seconds') },
          goal: { text: 'measured' },
        });
        if (JSON.stringify(r.units) !== JSON.stringify(d.units)) throw new Error(`units differ: PostgreSQL ${r.units} vs DuckDB ${d.units}`);
      });
    }
  }
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
