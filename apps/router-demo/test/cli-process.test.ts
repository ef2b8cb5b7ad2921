// The CLI as users run it: a separate node process, real signals, real exit codes.
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './helpers/build-cli';
import { buildTinyRegistry, reRegister, type TinyRegistry } from './helpers/tiny-registry';

let cli: string;
let reg: TinyRegistry;
beforeAll(async () => {
  [cli, reg] = await Promise.all([buildCli(), buildTinyRegistry()]);
});
afterAll(() => {
  if (cli) rmSync(cli, { force: true });
  if (reg) rmSync(reg.root, { recursive: true, force: true });
});

type Proc = { child: ChildProcess; stdout: () => string; stderr: () => string; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

function start(args: string[]): Proc {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MLFLOW_TRACKING_URI: '' } });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('abt-router-demo CLI process', () => {
  it('serve: answers, hot-reloads by polling, and exits 0 on SIGTERM', async () => {
    const p = start(['serve', '--port', '0', '--tracking-uri', reg.trackingUri, '--poll-seconds', '0.2']);
    const address = await waitFor('the serving line', () => /at (http:\/\/127\.0\.0\.1:\d+)/.exec(p.stdout())?.[1]);
    const health = (await (await fetch(`${address}/health`)).json()) as { policies: { arm: string; modelVersion: string }[] };
    expect(health.policies.map((x) => `${x.arm}:${x.modelVersion}`)).toEqual(['PolicyA:1', 'PolicyB:2']);
    const res = await fetch(`${address}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId": 5, "movieId": 9}' });
    expect(((await res.json()) as { assigned: string }).assigned).toMatch(/^Policy[AB]$/);

    const moved = await reRegister(reg, 'PolicyB');
    await waitFor('the poller to pick up the moved alias', async () => {
      const h = (await (await fetch(`${address}/health`)).json()) as { policies: { arm: string; modelVersion: string }[] };
      return h.policies[1]?.modelVersion === moved ? true : undefined;
    });

    p.child.kill('SIGTERM');
    const { code, signal } = await p.exit;
    expect(signal).toBeNull();
    expect(code).toBe(0);
    expect(p.stdout()).toContain('SIGTERM: finishing in-flight requests and closing');
    expect(p.stdout().trimEnd().split('\n').at(-1)).toBe('stopped');
    expect(p.stderr()).toBe('');
  });

  it('serve: a missing alias is one readable line and exit code 4', async () => {
    const p = start(['serve', '--port', '0', '--tracking-uri', reg.trackingUri, '--model-uri', 'models:/movielens_ctr_router@canary']);
    const { code } = await p.exit;
    expect(code).toBe(4);
    const lines = p.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: model "models:\/movielens_ctr_router@canary" not found: .*alias canary not found/);
  });

  it('--version prints the version; an unreachable tracking server is exit code 4, as in the pipeline', async () => {
    const v = start(['--version']);
    expect((await v.exit).code).toBe(0);
    expect(v.stdout()).toMatch(/^abt-router-demo \d+\.\d+\.\d+/);
    const down = start(['serve', '--port', '0', '--tracking-uri', 'http://127.0.0.1:9']);
    expect((await down.exit).code).toBe(4);
    expect(down.stderr().trimEnd().split('\n')).toHaveLength(1);
  });

  it('demo: no tracking database at the default location is exit code 4, naming the file', async () => {
    const p = start(['demo', '--tracking-uri', `sqlite:///${reg.root}/nothing-here.db`]);
    const { code } = await p.exit;
    expect(code).toBe(4);
    expect(p.stderr()).toContain(`${reg.root}/nothing-here.db`);
  });
});
