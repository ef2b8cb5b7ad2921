import type { ActiveRun } from './active-run';
import type { StartRunOptions, TrackingClient } from './client';
import { checkCall } from './arguments';
import { START_RUN_KEYS } from './call-specs';

/**
 * Runs `fn` inside a run and ends it FINISHED, or FAILED when `fn` throws (rethrown) or the
 * process gets SIGINT (MLflow's `with start_run()` semantics for KeyboardInterrupt). On SIGINT
 * the run is marked first, then the signal is re-raised so the process still stops.
 */
export async function withRun<T>(client: TrackingClient, options: StartRunOptions, fn: (run: ActiveRun) => Promise<T> | T): Promise<T> {
  checkCall('withRun', arguments, 3, { 1: START_RUN_KEYS });
  const run = await client.startRun(options);
  const onSigint = () => {
    process.removeListener('SIGINT', onSigint);
    void run.end('FAILED').finally(() => {
      // No listener left: the default action ends the process as a plain Ctrl-C would.
      if (process.listenerCount('SIGINT') === 0) process.kill(process.pid, 'SIGINT');
    });
  };
  process.on('SIGINT', onSigint);
  try {
    const result = await fn(run);
    await run.end('FINISHED');
    return result;
  } catch (err) {
    if (!run.ended) await run.end('FAILED');
    throw err;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
