import { createServer } from 'node:http';
import { concatRequestColumns } from '@abt/features';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import pkg from '../../package.json';
import { checkArity, checkOptions } from '../check-args';
import { HistoryStoreError, RouterError } from '../errors';
import type { ExposureSink } from '../exposure-log';
import { parseFeedback } from '../history/feedback-event';
import type { HistoryFeatureSpec, HistoryStore } from '../history/history-store';
import { importPeer } from '../import-peer';
import { messages } from '../messages';
import { rowToColumns } from '../policy';
import { createReloadingRouter, type ReloadingRouter, type RouterSource } from '../reloading-router';
import { defaultInstance, type RouterModel } from '../router-model';
import { summarizeByArm } from '../summarize';
import { checkBearer } from './admin-auth';
import { clientErrorHandler } from './client-errors';
import { HttpError, publicMessage, wireStatuses, type WireErrorCode, type WireStatuses } from './http-errors';
import { parseInvocationCsv, parseInvocationJson } from './mlflow-input';
import { requestIdOf } from './request-id';
import { createPredictBatcher } from './predict-batcher';
import { bulkRows, predictResponseSchema } from './schemas';

export type RouterServerOptions = {
  /** A fixed router (no reload). Give this or `source`/`reloader`. */
  router?: RouterModel;
  /** Where to (re)load routers from; polled every `pollIntervalMs` and on `POST /admin/reload`. */
  source?: RouterSource;
  /** An already created reloading router (its `start()` is called if `current()` fails). */
  reloader?: ReloadingRouter;
  /** Poll interval for `source`, ms; 0 disables polling. Default 30 000. */
  pollIntervalMs?: number;
  /** Every assignment is appended here (exposure log v2). */
  exposure?: ExposureSink;
  /**
   * Feedback history: enables `POST /feedback` and serves features that include every event
   * accepted before a request (started here if it was not). Without it, features are train-time
   * (the frozen protocol) and `/feedback` answers 404.
   */
  history?: HistoryStore;
  /** Bearer token for `/admin/*`; without one the admin routes are off (404). */
  adminToken?: string;
  /** Serving instance written to exposures. Default `host:pid`. */
  instance?: string;
  /** Largest accepted request body, bytes, on any route (413 beyond). Default 8 MiB. */
  bodyLimit?: number;
  /** Whole-request deadline, ms (408 beyond). Default 10 000. */
  requestTimeoutMs?: number;
  /** Most rows in one `/bulk_predict` or `/invocations` request. Default 10 000. */
  maxRows?: number;
  /** Bytes allowed per row: a scoring body above `maxRows × maxRowBytes` is refused (413) before it is read or parsed. Default 128. */
  maxRowBytes?: number;
  /** Most events in one `/feedback` request. Default 10 000. */
  maxEvents?: number;
  /** Bytes allowed per event, as `maxRowBytes`. Default 256. */
  maxEventBytes?: number;
  /** Where warnings and server errors go (full messages, stack traces). Default: stderr. */
  log?: (level: 'warn' | 'error', message: string) => void;
  /** Clock for exposure and feedback times, epoch ms; default `Date.now`. */
  now?: () => number;
};

export const ROUTER_SERVER_OPTIONS = [
  'router',
  'source',
  'reloader',
  'pollIntervalMs',
  'exposure',
  'history',
  'adminToken',
  'instance',
  'bodyLimit',
  'requestTimeoutMs',
  'maxRows',
  'maxRowBytes',
  'maxEvents',
  'maxEventBytes',
  'log',
  'now',
];

/** A configured server, not yet listening. */
export type RouterServer = {
  readonly app: FastifyInstance;
  readonly reloader: ReloadingRouter;
  /** Starts listening; resolves to the address (`http://127.0.0.1:8080`). Warns when the host is not loopback. */
  listen(options?: { port?: number; host?: string }): Promise<string>;
  /** Stops accepting requests, waits for in-flight ones, stops polling, flushes and closes the exposure log and history store. */
  close(): Promise<void>;
};

function staticSource(router: RouterModel): RouterSource {
  const versions = Object.fromEntries(router.describe().policies.map((p) => [p.uri, p.modelVersion]));
  return { version: 1, resolveCurrent: async () => versions, load: async () => router };
}

const JSON_CHARSET = /charset\s*=\s*"?([^";\s]+)/i;
/** Every route and its methods (for 405 with `Allow`). */
const ROUTES: Record<string, string[]> = {
  '/ping': ['GET', 'HEAD'],
  '/health': ['GET', 'HEAD'],
  '/version': ['GET', 'HEAD'],
  '/predict': ['POST'],
  '/bulk_predict': ['POST'],
  '/invocations': ['POST'],
  '/feedback': ['POST'],
  '/admin/reload': ['POST'],
};
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|\[::1\])$/i;
const defaultLog = (level: 'warn' | 'error', message: string) => process.stderr.write(`[abt-router] ${level}: ${message}\n`);

/**
 * Builds the HTTP server (fastify, an optional peer) around a router: `/ping`, `/health`,
 * `/version`, `/predict`, `/bulk_predict`, `/invocations` (MLflow scoring protocol), `/feedback`
 * and `/admin/reload`. Every error is `{error_code, message}`, client mistakes are 4xx, and no
 * response carries a filesystem path or stack trace (the `log` gets them). The initial load happens
 * here, so a missing alias or model rejects with an error naming it.
 */
export async function createRouterServer(options: RouterServerOptions): Promise<RouterServer> {
  checkArity('createRouterServer', arguments, 1);
  // The optional peers first: without them nothing else is worth checking. @abt/registry brings the
  // one error-code ↔ HTTP table (@abt/tracking's, which the router may reach only through it).
  const { fastify } = await importPeer('fastify', '@abt/router/server', () => import('fastify'));
  const wire = wireStatuses((await importPeer('@abt/registry', '@abt/router/server', () => import('@abt/registry'))).CODE_TO_HTTP);
  const o = checkOptions('createRouterServer', options, ROUTER_SERVER_OPTIONS);
  const { exposure, history, adminToken, bodyLimit = 8 * 1024 * 1024, requestTimeoutMs = 10_000, now = Date.now, log = defaultLog } = o;
  const maxRows = o.maxRows ?? 10_000;
  const maxEvents = o.maxEvents ?? 10_000;
  const instance = o.instance ?? defaultInstance();
  // Row limits as byte limits, checked from Content-Length (and while reading) before any parsing.
  const rowsBodyLimit = Math.min(bodyLimit, maxRows * (o.maxRowBytes ?? 128) + 4096);
  const eventsBodyLimit = Math.min(bodyLimit, maxEvents * (o.maxEventBytes ?? 256) + 4096);
  const given = o.source ?? (o.router ? staticSource(o.router) : undefined);
  // A router's feature views are built (by replaying the history) as it is loaded, not by the first
  // request it serves: that replay blocks the only thread for seconds on a long history.
  const source = given && history ? { ...given, load: async (r: Readonly<Record<string, string>>) => warmViews(await given.load(r), history) } : given;
  const reloader = o.reloader ?? (source ? createReloadingRouter({ source, pollIntervalMs: o.pollIntervalMs ?? 30_000 }) : undefined);
  if (!reloader) throw new RouterError('INVALID_ROUTER_CONFIG', messages.needsRouter());
  try {
    reloader.current();
  } catch {
    await reloader.start();
  }
  await history?.start();
  if (history) warmViews(reloader.current(), history);
  const stats = { staleReads: 0, lastStaleAt: undefined as string | undefined };

  const app = fastify({
    logger: false,
    bodyLimit,
    requestTimeout: requestTimeoutMs,
    // Closing is answered by the onRequest hook below, in the documented error shape.
    return503OnClosing: false,
    // Framework-level failures (a malformed URL) in the same error shape as every other.
    frameworkErrors: (error, req, reply) => void sendError(reply, error as FastifyError, req.id, log, wire),
    forceCloseConnections: 'idle',
    genReqId: requestIdOf,
    clientErrorHandler: clientErrorHandler(wire),
    // Node checks request deadlines only every `connectionsCheckingInterval` (30 s by default),
    // so a short requestTimeout needs a matching check interval to answer 408 on time.
    serverFactory: (handler) =>
      createServer({ requestTimeout: requestTimeoutMs, connectionsCheckingInterval: Math.max(50, Math.min(1000, requestTimeoutMs / 4)) }, handler),
    // Strict validation: no coercion of "3" into 3, no silent removal of unknown fields.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
  });
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: rowsBodyLimit }, (_req, body, done) => done(null, body));

  // Every response says which request it answers (the id the exposure log carries).
  let closingDown = false;
  app.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    if (closingDown) {
      void reply.header('connection', 'close');
      return done(new HttpError('SERVICE_UNAVAILABLE', messages.shuttingDown(), { headers: { 'retry-after': '1' } }));
    }
    // MLflow accepts JSON only as UTF-8; anything else is 415 before the body is parsed.
    const type = req.headers['content-type'];
    if (req.method !== 'POST' || !type || !/^application\/json\b/i.test(type)) return done();
    const charset = JSON_CHARSET.exec(type)?.[1];
    if (charset && charset.toLowerCase() !== 'utf-8' && charset.toLowerCase() !== 'utf8')
      return done(new HttpError('UNSUPPORTED_MEDIA_TYPE', messages.unsupportedCharset(charset)));
    done();
  });

  app.setErrorHandler((error: FastifyError | HttpError | RouterError, req, reply) => sendError(reply, error, req.id, log, wire));
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? req.url;
    const allowed = ROUTES[url];
    if (allowed && !allowed.includes(req.method))
      return sendError(
        reply,
        new HttpError('METHOD_NOT_ALLOWED', messages.methodNotAllowed(req.method, url, allowed), { headers: { allow: allowed.join(', ') } }),
        req.id,
        log,
        wire,
      );
    return sendError(reply, new HttpError('ENDPOINT_NOT_FOUND', messages.noEndpoint(req.method, url)), req.id, log, wire);
  });

  /** Syncs with the shared history; when that fails, requests are served from the history this replica has (reported stale). */
  const syncHistory = async (): Promise<boolean> => {
    if (!history) return false;
    try {
      await history.sync();
      return false;
    } catch (e) {
      if (!HistoryStoreError.isInstance(e)) throw e;
      stats.staleReads++;
      stats.lastStaleAt = new Date(now()).toISOString();
      return true;
    }
  };
  const route = async (reply: FastifyReply, requestId: string, rows: Parameters<RouterModel['predictColumns']>[0], at: string) => {
    if (await syncHistory()) void reply.header('x-history-stale', '1');
    const router = reloader.current(); // one reference for the whole request: a swap never splits it
    return { router, p: router.predictColumns(rows, { exposure, now: now(), at, requestId, instance, ...(history ? { history } : {}) }) };
  };
  // Concurrent /predict requests are scored in one call per event-loop turn.
  const batcher = createPredictBatcher(async (items) => {
    const stale = await syncHistory();
    const router = reloader.current();
    const cols = concatRequestColumns(items.map((it) => it.cols));
    const requestIds = items.map((it) => it.requestId);
    return { stale, p: router.predictColumns(cols, { exposure, now: now(), requestIds, instance, ...(history ? { history } : {}) }) };
  });

  app.get('/ping', async (_req, reply) => reply.type('text/plain').send('\n'));
  app.get('/version', async () => ({ name: pkg.name, version: pkg.version, routerFormatVersion: 1 }));
  app.get('/health', async () => {
    const d = reloader.current().describe();
    const status = reloader.status();
    const lastReloadError = status.lastReloadError === undefined ? null : publicMessage(status.lastReloadError);
    const exposureStats =
      exposure && 'stats' in exposure && typeof exposure.stats === 'function' ? (exposure.stats as () => { lastError?: string })() : undefined;
    const historyStatus = history?.status();
    return {
      status: 'ok',
      instance,
      experiment: d.experiment,
      policies: d.policies,
      lastReloadError,
      reload: { ...status, lastReloadError },
      feedback: history ? 'on' : 'off',
      ...(historyStatus
        ? {
            history: {
              ...historyStatus,
              location: publicMessage(historyStatus.location),
              lastError: historyStatus.lastError === undefined ? null : publicMessage(historyStatus.lastError),
              ...stats,
            },
          }
        : {}),
      ...(exposureStats
        ? { exposureLog: { ...exposureStats, lastError: exposureStats.lastError === undefined ? null : publicMessage(exposureStats.lastError) } }
        : {}),
    };
  });

  // Validated once here, at the edge (`@abt/features`' REQUEST_FIELDS), then passed on as columns.
  app.post('/predict', { bodyLimit: Math.min(bodyLimit, 16 * 1024), schema: { response: { 200: predictResponseSchema } } }, async (req, reply) => {
    const cols = rowToColumns(req.body, 'body', 'POST /predict');
    const { p, row, stale } = await batcher.predict(cols, req.id);
    if (stale) void reply.header('x-history-stale', '1');
    return {
      userId: cols.userId[0],
      movieId: cols.movieId[0],
      assigned: p.assigned[row],
      score: p.score[row],
      modelVersion: p.modelVersion[row],
      inExperiment: p.inExperiment[row] === 1,
    };
  });

  app.post('/bulk_predict', { bodyLimit: rowsBodyLimit }, async (req, reply) => {
    const rows = bulkRows(req.body, maxRows);
    const { router, p } = await route(reply, req.id, rows, 'body.rows');
    const predictions = new Array(p.length);
    for (let i = 0; i < p.length; i++)
      predictions[i] = { assigned: p.assigned[i], score: p.score[i], modelVersion: p.modelVersion[i], inExperiment: p.inExperiment[i] === 1 };
    return { predictions, summary: summarizeByArm(router.experiment.arms, p) };
  });

  app.post('/invocations', { bodyLimit: rowsBodyLimit }, async (req, reply) => {
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    let parsed;
    if (type.startsWith('text/csv')) parsed = parseInvocationCsv(req.body as string);
    else if (type.startsWith('application/json')) parsed = parseInvocationJson(req.body);
    else throw new HttpError('UNSUPPORTED_MEDIA_TYPE', messages.unsupportedContentType(type));
    const rows = parsed.rows as { length?: unknown; userId?: { length?: unknown } };
    const n = Array.isArray(rows) ? rows.length : typeof rows.userId?.length === 'number' ? rows.userId.length : 0;
    if (n > maxRows) throw new HttpError('INVALID_PARAMETER_VALUE', messages.tooManyRows(parsed.at, n, maxRows));
    const { p } = await route(reply, req.id, parsed.rows, parsed.at);
    const predictions = new Array(p.length);
    for (let i = 0; i < p.length; i++) predictions[i] = { assigned: p.assigned[i], score: p.score[i], model_version: p.modelVersion[i] };
    return { predictions };
  });

  app.post('/feedback', { bodyLimit: eventsBodyLimit }, async (req) => {
    if (!history) throw new HttpError('ENDPOINT_NOT_FOUND', messages.feedbackOff());
    const events = parseFeedback(req.body, { receivedAt: now(), maxEvents });
    try {
      await history.append(events);
    } catch (e) {
      if (!HistoryStoreError.isInstance(e)) throw e;
      log('error', `feedback refused (request ${req.id}): ${e.message}`);
      throw new HttpError('SERVICE_UNAVAILABLE', messages.historyUnavailable(), { headers: { 'retry-after': '1' } });
    }
    return { accepted: events.length, requestId: req.id };
  });

  app.post('/admin/reload', async (req) => {
    checkBearer(adminToken, req.headers.authorization);
    const result = await reloader.reload({ force: false });
    if (result.error) {
      log('error', `reload failed (request ${req.id}): ${result.error}`);
      throw new HttpError('RELOAD_FAILED', messages.reloadFailed(publicMessage(result.error)));
    }
    return { changed: result.changed, versions: reloader.status().versions };
  });

  let closing: Promise<void> | undefined;
  return {
    app,
    reloader,
    async listen({ port = 8080, host = '127.0.0.1' } = {}) {
      if (!LOOPBACK.test(host)) log('warn', messages.notLoopback(host, adminToken !== undefined));
      return app.listen({ port, host });
    },
    close() {
      closing ??= (async () => {
        closingDown = true;
        reloader.stop();
        await app.close();
        await exposure?.close();
        await history?.close();
      })();
      return closing;
    },
  };
}

/** Creates the history view of every policy that featurizes from one (a no-op for views that exist). */
function warmViews(router: RouterModel, history: HistoryStore): RouterModel {
  for (const policy of router.policies) {
    const spec = policy.featureSpec as Partial<HistoryFeatureSpec> | undefined;
    if (typeof spec?.createOnlineHistory === 'function') history.view(spec as HistoryFeatureSpec);
  }
  return router;
}

/** Renders any error as `{error_code, message}` with the status the shared table gives the code. */
function sendError(
  reply: FastifyReply,
  error: FastifyError | HttpError | RouterError,
  requestId: string,
  log: (level: 'warn' | 'error', message: string) => void,
  wire: WireStatuses,
): FastifyReply {
  let code: WireErrorCode;
  let message: string;
  if (HttpError.isInstance(error)) {
    code = error.errorCode;
    message = error.message;
    for (const [k, v] of Object.entries(error.headers)) void reply.header(k, v);
  } else if (RouterError.isInstance(error) && (error.code === 'INVALID_INPUT' || error.code === 'INVALID_ARGUMENT')) {
    code = 'INVALID_PARAMETER_VALUE';
    message = error.message;
  } else if ('validation' in error && error.validation) {
    code = 'INVALID_PARAMETER_VALUE';
    message = error.message;
  } else if (!RouterError.isInstance(error) && typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    const malformed = error instanceof SyntaxError || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY';
    code = malformed ? 'MALFORMED_REQUEST' : wire.codeForStatus(error.statusCode);
    message = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? messages.tooLarge() : publicMessage(error.message);
  } else {
    // Not the client's doing: the details (paths, stack) go to the server log only.
    log('error', `request ${requestId}: ${error.stack ?? error.message}`);
    code = 'INTERNAL_ERROR';
    message = messages.internalError(requestId);
  }
  return reply.code(wire.statusOf(code)).type('application/json').send({ error_code: code, message });
}
