import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PYTHON } from './env';

const PROBE = join(fileURLToPath(new URL('.', import.meta.url)), 'python', 'mlflow_probe.py');

/**
 * Runs one probe command with the venv's Python and parses its JSON output.
 * `cwd`: where MLflow puts the default artifact root (`./mlruns`) of a database it creates — pass a
 * test's temp dir whenever abt may later create experiments in that database (they inherit the root).
 */
export function probe<T = Record<string, unknown>>(command: string, args: unknown, options: { cwd?: string } = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      PYTHON!,
      [PROBE, command, JSON.stringify(args)],
      { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, MLFLOW_TRACKING_URI: '' }, ...(options.cwd ? { cwd: options.cwd } : {}) },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`mlflow_probe ${command} failed: ${err.message}\n${stderr}`));
        const last = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(last) as T);
        } catch {
          reject(new Error(`mlflow_probe ${command} printed no JSON:\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts `mlflow server` on a DB; resolves when /health answers, rejects with its log otherwise. */
export async function startMlflowServer(dbPath: string, artifactsDir: string): Promise<{ url: string; stop: () => Promise<void>; log: () => string }> {
  const port = await freePort();
  const mlflow = join(PYTHON!, '..', 'mlflow');
  let log = '';
  const child: ChildProcess = spawn(
    mlflow,
    [
      'server',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--backend-store-uri',
      `sqlite:///${dbPath}`,
      '--serve-artifacts',
      '--artifacts-destination',
      artifactsDir,
      '--workers',
      '1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  child.stdout!.on('data', (d) => (log += String(d)));
  child.stderr!.on('data', (d) => (log += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      // The server forks job-runner workers: stop its whole process group.
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mlflow server exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return { url, stop, log: () => log };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`mlflow server did not answer /health in 120 s:\n${log}`);
}
