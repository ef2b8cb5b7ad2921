import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(appDir, '../..');
export const ML100K = process.env.ABT_ML100K ?? path.resolve(repoRoot, '../shared/data/movielens/ml-100k.zip');
export const CLI = path.join(appDir, 'dist', 'cli.js');

export const tempDir = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), `abt-pipeline-${prefix}-`));

/** Runs the built CLI to completion. */
export function runCli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, MLFLOW_TRACKING_URI: '', CI: 'true', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the built CLI twice, each into a fresh directory: on two worker threads (ABT_PIPELINE_THREADS=2) and on the main thread alone (=1). */
export function runCliBothWays(args: string[], prefix: string) {
  const threaded = tempDir(`${prefix}-threads`);
  const sequential = tempDir(`${prefix}-sequential`);
  const a = runCli([...args, '--out', threaded], { ABT_PIPELINE_THREADS: '2' });
  const b = runCli([...args, '--out', sequential], { ABT_PIPELINE_THREADS: '1' });
  return { threaded, sequential, a, b };
}

/** Starts the built CLI and resolves with its exit once `signalWhen` matches stderr and the signal is sent. */
export function runCliAndSignal(args: string[], signalWhen: RegExp, signal: NodeJS.Signals = 'SIGINT') {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string; pid: number }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, MLFLOW_TRACKING_URI: '', CI: 'true' } });
    let stderr = '';
    let stdout = '';
    let sent = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!sent && signalWhen.test(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('exit', (code, sig) => resolve({ code, signal: sig, stderr, stdout, pid: child.pid! }));
  });
}
