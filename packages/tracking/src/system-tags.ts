import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { RunTag } from './entities';
import { checkCall } from './arguments';

/** The tags MLflow's fluent client sets on a local script's run (`mlflow.user`, source name/type). */
export function defaultSystemTags(env: Record<string, string | undefined> = process.env, argv: readonly string[] = process.argv): RunTag[] {
  checkCall('defaultSystemTags', arguments, 2);
  const tags: RunTag[] = [{ key: 'mlflow.user', value: currentUser(env) }];
  const script = argv[1];
  tags.push({ key: 'mlflow.source.name', value: script ? resolve(script) : 'node' });
  tags.push({ key: 'mlflow.source.type', value: 'LOCAL' });
  return tags;
}

export function currentUser(env: Record<string, string | undefined> = process.env): string {
  checkCall('currentUser', arguments, 1);
  // MLflow's `_get_user`: getpass.getuser(), which reads LOGNAME/USER/LNAME/USERNAME first.
  const fromEnv = env.LOGNAME || env.USER || env.LNAME || env.USERNAME;
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
