import path from 'node:path';
import { createFileExposureLog, createMemoryHistoryStore, type ExposureSink, type HistoryStore } from '@abt/router';
import { createRedisHistoryStore } from '@abt/router/redis';
import { serve } from '@abt/router/server';
import { DEFAULT_MODEL_URI, resolveDemoTrackingUri } from './defaults';
import type { CliIO } from './io';
import { RouterDemoError } from './errors';
import { messages } from './messages';
import { asModelError, openRegistry, registryRouter } from './open-registry';

export type ServeCommandOptions = {
  /** Default 8080 (0 picks a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: MLFLOW_TRACKING_URI, else `sqlite:///<repo>/abt-out/mlflow.db`. */
  trackingUri?: string;
  /** Default `models:/movielens_ctr_router@router`. */
  modelUri?: string;
  /** NDJSON exposure log file; none by default. */
  exposureLog?: string;
  /** Registry poll interval for hot reload, seconds; 0 disables. Default 30. */
  pollSeconds?: number;
  /** Signals that stop the server gracefully. Default SIGTERM and SIGINT. */
  signals?: NodeJS.Signals[];
  /**
   * Feedback history: `memory` (default; in-process, rebuilt from `eventsLog` on start),
   * `redis://host:port` (shared by replicas), or `off` (no /feedback; train-time features).
   */
  history?: string;
  /** NDJSON events log of accepted feedback (events log v1). */
  eventsLog?: string;
  /** Redis stream key of the shared history. Default `abt:events`. */
  redisKey?: string;
  /** Bearer token for /admin/*; default ABT_ADMIN_TOKEN; without one the admin routes are off. */
  adminToken?: string;
  /** Serving instance written to exposures. Default `host:pid`. */
  instanceId?: string;
};

/** The history store `--history` names (undefined for `off`). */
function historyStore(options: Pick<ServeCommandOptions, 'history' | 'eventsLog' | 'redisKey'>): HistoryStore | undefined {
  const kind = options.history ?? 'memory';
  const eventsLog = options.eventsLog ? path.resolve(options.eventsLog) : undefined;
  if (kind === 'off') return undefined;
  if (kind === 'memory') return createMemoryHistoryStore(eventsLog ? { eventsLog } : {});
  if (/^rediss?:\/\//.test(kind))
    return createRedisHistoryStore({ url: kind, ...(options.redisKey ? { key: options.redisKey } : {}), ...(eventsLog ? { eventsLog } : {}) });
  throw new RouterDemoError('INVALID_OPTION', messages.invalidOption('--history', kind, '"memory", "off" or a redis:// URL'));
}

/** A running `serve` command. */
export type ServeHandle = {
  readonly address: string;
  readonly trackingUri: string;
  /** Stops accepting, finishes in-flight requests, flushes the exposure log, closes the stores. */
  shutdown(): Promise<void>;
  /** Settles once the server stopped (after a signal or `shutdown()`). */
  readonly closed: Promise<void>;
};

/**
 * Loads the registered router through the registry and serves it (health, ping, version, predict,
 * bulk_predict, invocations, admin/reload), reloading when the router or a policy alias moves.
 */
export async function runServe(options: ServeCommandOptions, io: CliIO): Promise<ServeHandle> {
  const { port = 8080, host = '127.0.0.1', modelUri = DEFAULT_MODEL_URI, pollSeconds = 30, signals = ['SIGTERM', 'SIGINT'] } = options;
  const adminToken = options.adminToken ?? io.env.ABT_ADMIN_TOKEN;
  const tracking = resolveDemoTrackingUri(options.trackingUri, io.env);
  io.out(messages.trackingUri(tracking.uri, tracking.source));
  const reg = await openRegistry(tracking.uri, modelUri);
  let exposure: ExposureSink | undefined;
  let history: HistoryStore | undefined;
  try {
    const { source } = registryRouter(reg, modelUri);
    history = historyStore(options);
    if (options.exposureLog) exposure = createFileExposureLog({ file: path.resolve(options.exposureLog) });
    const server = await serve({
      source,
      pollIntervalMs: Math.round(pollSeconds * 1000),
      ...(exposure ? { exposure } : {}),
      ...(history ? { history } : {}),
      ...(adminToken ? { adminToken } : {}),
      ...(options.instanceId ? { instance: options.instanceId } : {}),
      log: (level, message) => io.err(`${level}: ${message}`),
      port,
      host,
      signals: [],
    }).catch((e: unknown) => {
      const code = (e as { code?: string }).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        throw new RouterDemoError('INVALID_OPTION', messages.cannotListen(host, port, code), { cause: e });
      }
      throw asModelError(e, modelUri);
    });
    const d = server.reloader.current().describe();
    io.out(
      messages.routerLoaded(
        d.experiment.key,
        d.policies.map((p, i) => `${p.arm} ${(100 * (d.experiment.weights[i] ?? 0)).toFixed(0)} % → ${p.uri} v${p.modelVersion}`).join(', '),
      ),
    );
    if (options.exposureLog) io.out(messages.exposureLog(path.resolve(options.exposureLog)));
    io.out(history ? messages.feedbackOn(history.status().kind, history.status().location, history.status().events) : messages.feedbackOff());
    io.out(messages.admin(Boolean(adminToken)));
    io.out(messages.polling(pollSeconds));
    io.out(messages.serving(server.address, modelUri));

    let resolveClosed!: () => void;
    let rejectClosed!: (e: unknown) => void;
    const closed = new Promise<void>((resolve, reject) => {
      resolveClosed = resolve;
      rejectClosed = reject;
    });
    let stopping: Promise<void> | undefined;
    const shutdown = () => {
      stopping ??= server
        .shutdown()
        .finally(async () => {
          for (const s of signals) process.off(s, onSignal);
          await reg.close();
        })
        .then(
          () => {
            io.out(messages.stopped());
            resolveClosed();
          },
          (e: unknown) => {
            rejectClosed(e);
            throw e;
          },
        );
      return stopping;
    };
    const onSignal = (signal: NodeJS.Signals) => {
      io.out(messages.shuttingDown(signal));
      void shutdown().catch(() => {});
    };
    for (const s of signals) process.on(s, onSignal);
    return { address: server.address, trackingUri: tracking.uri, shutdown, closed };
  } catch (e) {
    await history?.close().catch(() => {});
    await reg.close().catch(() => {});
    throw e;
  }
}
