import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Interop tests run only under scripts/interop.sh (ABT_PYTHON set); inside it they never skip. */
export const PYTHON = process.env.ABT_PYTHON;
export const MLFLOW_URL = process.env.ABT_MLFLOW_URL;
export const runInterop = PYTHON !== undefined && PYTHON !== '';
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');

export function requireServer(): string {
  if (!MLFLOW_URL) throw new Error('ABT_MLFLOW_URL is not set although ABT_PYTHON is: the interop runner must start mlflow server');
  return MLFLOW_URL;
}
