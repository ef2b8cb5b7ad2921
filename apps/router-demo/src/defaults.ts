import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the pipeline registers the router (ARCHITECTURE.md §2). */
export const DEFAULT_MODEL_URI = 'models:/movielens_ctr_router@router';
/** Tracking experiment of the seed's layout; `Router_Demo` runs go here. */
export const DEMO_EXPERIMENT = 'abtest_movielens';
export const DEMO_RUN_NAME = 'Router_Demo';

/**
 * The monorepo root: the nearest ancestor of this file (or of `cwd`) holding `pnpm-workspace.yaml`.
 * `pnpm router-demo` runs from the root, but the app must also work when started from elsewhere.
 */
export function repoRoot(from: string = path.dirname(fileURLToPath(import.meta.url)), cwd: string = process.cwd()): string {
  for (const start of [from, cwd]) {
    let dir = path.resolve(start);
    for (;;) {
      if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return path.resolve(cwd);
}

/** Where a tracking URI came from, printed so users know which store they are looking at. */
export type TrackingUriSource = '--tracking-uri' | 'MLFLOW_TRACKING_URI' | 'default';

/** `--tracking-uri` > MLFLOW_TRACKING_URI > `sqlite:///<repo>/abt-out/mlflow.db` (where `pnpm run pipeline` writes). */
export function resolveDemoTrackingUri(
  flag: string | undefined,
  env: Record<string, string | undefined> = process.env,
  root: string = repoRoot(),
): { uri: string; source: TrackingUriSource } {
  if (flag) return { uri: flag, source: '--tracking-uri' };
  const fromEnv = env.MLFLOW_TRACKING_URI;
  if (fromEnv) return { uri: fromEnv, source: 'MLFLOW_TRACKING_URI' };
  return { uri: `sqlite:///${path.join(root, 'abt-out', 'mlflow.db')}`, source: 'default' };
}

/** `--data` > ABT_ML100K > `<repo>/../shared/data/movielens/ml-100k.zip`. */
export function resolveDataPath(flag: string | undefined, env: Record<string, string | undefined> = process.env, root: string = repoRoot()): string {
  return flag ?? env.ABT_ML100K ?? path.resolve(root, '../shared/data/movielens/ml-100k.zip');
}
