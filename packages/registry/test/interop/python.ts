import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Runs test/interop/mlflow_helper.py with the interop venv's Python and parses its JSON answer.
 * `cwd`: where MLflow puts a new experiment's default artifact root (`./mlruns`) — a test's temp dir.
 */
export function py<T = Record<string, unknown>>(args: string[], env: Record<string, string> = {}, cwd?: string): T {
  const python = process.env.ABT_PYTHON;
  if (!python) throw new Error('ABT_PYTHON is not set: run through scripts/interop.sh');
  const out = execFileSync(python, [path.join(import.meta.dirname, 'mlflow_helper.py'), ...args], {
    encoding: 'utf8',
    ...(cwd ? { cwd } : {}),
    env: { ...process.env, MLFLOW_ALLOW_FILE_STORE: 'false', GIT_PYTHON_REFRESH: 'quiet', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '{}') as T;
}
