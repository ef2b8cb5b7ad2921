import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const pkgRoot = path.resolve(here, '..');

/** Bundles the child entry with esbuild (tsup's) next to node_modules, so fastify resolves. */
async function buildChild(): Promise<string> {
  const require = createRequire(createRequire(import.meta.url).resolve('tsup'));
  const esbuild = require('esbuild') as { build(options: Record<string, unknown>): Promise<unknown> };
  const outDir = path.join(pkgRoot, 'node_modules', '.cache', 'abt-router-test');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `child-server-${process.pid}.mjs`);
  await esbuild.build({
    entryPoints: [path.join(here, 'helpers/child-server.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    packages: 'external',
    logLevel: 'silent',
  });
  return outfile;
}

function post(agent: Agent, address: URL, pathName: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const req = request(
      {
        agent,
        host: address.hostname,
        port: address.port,
        path: pathName,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let data = '';
        res.on('data', (d) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
        res.on('error', () => resolve({ status: 0, body: '' }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(payload);
  });
}

describe('graceful shutdown', () => {
  it('SIGTERM under load: every answered row is logged, no line lost or torn', async () => {
    const entry = await buildChild();
    const dir = mkdtempSync(path.join(tmpdir(), 'abt-shutdown-'));
    const file = path.join(dir, 'exposures.ndjson');
    const child = spawn(process.execPath, [entry, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const address = await new Promise<URL>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d) => {
        buf += d;
        const nl = buf.indexOf('\n');
        if (nl >= 0) resolve(new URL((JSON.parse(buf.slice(0, nl)) as { address: string }).address));
      });
      child.on('exit', () => reject(new Error('child exited before listening')));
    });

    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    let answeredRows = 0;
    let sent = 0;
    let stop = false;
    const worker = async (w: number) => {
      while (!stop) {
        const i = sent++;
        const bulk = i % 5 === 0;
        const res = bulk
          ? await post(agent, address, '/bulk_predict', { rows: Array.from({ length: 25 }, (_, k) => ({ userId: w * 100_000 + i * 25 + k, movieId: k })) })
          : await post(agent, address, '/predict', { userId: w * 100_000 + i, movieId: i % 1682 });
        if (res.status === 200) answeredRows += bulk ? (JSON.parse(res.body) as { predictions: unknown[] }).predictions.length : 1;
        else if (res.status === 0 || res.status === 503)
          break; // server closing
        else throw new Error(`unexpected ${res.status}: ${res.body}`);
      }
    };
    const workers = Array.from({ length: 16 }, (_, w) => worker(w));
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGTERM');
    const code = await exited;
    stop = true;
    await Promise.all(workers);
    agent.destroy();

    expect(code).toBe(0);
    expect(answeredRows).toBeGreaterThan(500);
    const files = readdirSync(dir).filter((f) => f.startsWith('exposures.ndjson'));
    expect(files.length).toBeGreaterThan(1); // rotation happened under load
    let lines = 0;
    for (const f of files) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      expect(text.endsWith('\n'), f).toBe(true);
      for (const line of text.slice(0, -1).split('\n')) {
        const e = JSON.parse(line) as Record<string, unknown>;
        expect(Object.keys(e)).toEqual([
          'v',
          'time',
          'requestId',
          'experiment',
          'hashAttribute',
          'hashVersion',
          'seed',
          'userId',
          'arm',
          'variation',
          'source',
          'propensity',
          'inExperiment',
          'items',
          'modelUri',
          'modelVersion',
          'instance',
        ]);
        lines++;
      }
    }
    expect(lines).toBe(answeredRows);
  }, 30_000);
});
