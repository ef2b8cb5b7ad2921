import { createServer } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { importPeer } from '../import-peer';
import pkg from '../../package.json';
import { RouterError } from '../errors';
import { messages } from '../messages';
import type { ExposureSink } from '../exposure-log';
import { createReloadingRouter, type ReloadingRouter, type RouterSource } from '../reloading-router';
import type { RouterModel, RouterPredictions } from '../router-model';
import { summarizeByArm } from '../summarize';
import { codeForStatus, HttpError, type WireError } from './http-errors';
import { parseInvocationCsv, parseInvocationJson } from './mlflow-input';
import { bulkRows, predictResponseSchema } from './schemas';
import { rowToColumns } from '../policy';

export type RouterServerOptions = {
  /** A fixed router (no reload). Give this or `source`/`reloader`. */
  router?: RouterModel;
  /** Where to (re)load routers from; polled every `pollIntervalMs` and on `POST /admin/reload`. */
  source?: RouterSource;
  /** An already created reloading router (its `start()` is called if `current()` fails). */
  reloader?: ReloadingRouter;
  /** Poll interval for `source`, ms; 0 disables polling. Default 30 000. */
  pollIntervalMs?: number;
  /** Every assignment is appended here. */
  exposure?: ExposureSink;
  /** Largest accepted request body, bytes (413 beyond). Default 8 MiB. */
  bodyLimit?: number;
  /** Whole-request deadline, ms (408 beyond). Default 10 000. */
  requestTimeoutMs?: number;
  /** Most rows in one `/bulk_predict` or `/invocations` request. Default 100 000. */
  maxRows?: number;
  /** fastify logger setting. Default false. */
  logger?: boolean;
  /** Clock for exposure times; default `Date.now`. */
  now?: () => number;
};

/** A configured server, not yet listening. */
export type RouterServer = {
  readonly app: FastifyInstance;
  readonly reloader: ReloadingRouter;
  /** Starts listening; resolves to the address (`http://127.0.0.1:8080`). */
  listen(options?: { port?: number; host?: string }): Promise<string>;
  /** Stops accepting requests, waits for in-flight ones, stops polling, flushes and closes the exposure log. */
  close(): Promise<void>;
};

function staticSource(router: RouterModel): RouterSource {
  const versions = Object.fromEntries(router.describe().policies.map((p) => [p.uri, p.modelVersion]));
  return { version: 1, resolveCurrent: async () => versions, load: async () => router };
}

const JSON_CHARSET = /charset\s*=\s*"?([^";\s]+)/i;

/**
 * Builds the HTTP server (fastify) around a router: `/ping`, `/health`, `/version`, `/predict`,
 * `/bulk_predict`, `/invocations` (MLflow scoring protocol) and `/admin/reload`. The initial load
 * happens here, so a missing alias or model rejects with an error naming it.
 */
export async function createRouterServer(options: RouterServerOptions): Promise<RouterServer> {
  // The optional peer first: without fastify nothing else is worth checking.
  const { fastify } = await importPeer('fastify', '@abt/router/server', () => import('fastify'));
  const { exposure, bodyLimit = 8 * 1024 * 1024, requestTimeoutMs = 10_000, maxRows = 100_000, logger = false, now = Date.now } = options;
  const source = options.source ?? (options.router ? staticSource(options.router) : undefined);
  const reloader = options.reloader ?? (source ? createReloadingRouter({ source, pollIntervalMs: options.pollIntervalMs ?? 30_000 }) : undefined);
  if (!reloader) throw new RouterError('INVALID_ROUTER_CONFIG', messages.needsRouter());
  try {
    reloader.current();
  } catch {
    await reloader.start();
  }

  const app = fastify({
    logger,
    bodyLimit,
    requestTimeout: requestTimeoutMs,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Node checks request deadlines only every `connectionsCheckingInterval` (30 s by default),
    // so a short requestTimeout needs a matching check interval to answer 408 on time.
    serverFactory: (handler) =>
      createServer({ requestTimeout: requestTimeoutMs, connectionsCheckingInterval: Math.max(50, Math.min(1000, requestTimeoutMs / 4)) }, handler),
    // Strict validation: no coercion of "3" into 3, no silent removal of unknown fields.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
  });
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit }, (_req, body, done) => done(null, body));

  // MLflow accepts JSON only as UTF-8; anything else is 415 before the body is parsed.
  app.addHook('onRequest', (req, _reply, done) => {
    const type = req.headers['content-type'];
    if (req.method !== 'POST' || !type || !/^application\/json\b/i.test(type)) return done();
    const charset = JSON_CHARSET.exec(type)?.[1];
    if (charset && charset.toLowerCase() !== 'utf-8' && charset.toLowerCase() !== 'utf8')
      return done(new HttpError('UNSUPPORTED_MEDIA_TYPE', messages.unsupportedCharset(charset)));
    done();
  });

  app.setErrorHandler((error: FastifyError | HttpError | RouterError, _req, reply) => sendError(reply, error));
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ error_code: 'ENDPOINT_NOT_FOUND', message: messages.noEndpoint(req.method, req.url.split('?')[0] ?? req.url) } satisfies WireError);
  });

  const route = (router: RouterModel, rows: Parameters<RouterModel['predictColumns']>[0], at: string): RouterPredictions =>
    router.predictColumns(rows, { exposure, now: now(), at });

  app.get('/ping', async (_req, reply) => reply.type('text/plain').send('\n'));
  app.get('/version', async () => ({ name: pkg.name, version: pkg.version, routerFormatVersion: 1 }));
  app.get('/health', async () => {
    const router = reloader.current();
    const d = router.describe();
    const status = reloader.status();
    return {
      status: 'ok',
      experiment: d.experiment,
      policies: d.policies,
      lastReloadError: status.lastReloadError ?? null,
      reload: { ...status, lastReloadError: status.lastReloadError ?? null },
      ...(exposure && 'stats' in exposure && typeof exposure.stats === 'function' ? { exposureLog: exposure.stats() } : {}),
    };
  });

  // Validated once here, at the edge (`@abt/features`' REQUEST_FIELDS), then passed on as columns.
  app.post('/predict', { schema: { response: { 200: predictResponseSchema } } }, async (req) => {
    const cols = rowToColumns(req.body, 'body', 'POST /predict');
    const router = reloader.current(); // one reference for the whole request: a swap never splits it
    const p = route(router, cols, 'body');
    return { userId: cols.userId[0], movieId: cols.movieId[0], assigned: p.assigned[0], score: p.score[0], modelVersion: p.modelVersion[0], inExperiment: p.inExperiment[0] === 1 };
  });

  app.post('/bulk_predict', async (req) => {
    const rows = bulkRows(req.body, maxRows);
    const router = reloader.current();
    const p = route(router, rows, 'body.rows');
    const predictions = new Array(p.length);
    for (let i = 0; i < p.length; i++)
      predictions[i] = { assigned: p.assigned[i], score: p.score[i], modelVersion: p.modelVersion[i], inExperiment: p.inExperiment[i] === 1 };
    return { predictions, summary: summarizeByArm(router.experiment.arms, p) };
  });

  app.post('/invocations', async (req) => {
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    let parsed;
    if (type.startsWith('text/csv')) parsed = parseInvocationCsv(req.body as string);
    else if (type.startsWith('application/json')) parsed = parseInvocationJson(req.body);
    else throw new HttpError('UNSUPPORTED_MEDIA_TYPE', messages.unsupportedContentType(type));
    const n = Array.isArray(parsed.rows) ? parsed.rows.length : ((parsed.rows as { userId?: { length?: number } }).userId?.length ?? 0);
    if (n > maxRows) throw new HttpError('INVALID_PARAMETER_VALUE', messages.tooManyRows(parsed.at, n, maxRows));
    const router = reloader.current();
    const p = route(router, parsed.rows, parsed.at);
    const predictions = new Array(p.length);
    for (let i = 0; i < p.length; i++) predictions[i] = { assigned: p.assigned[i], score: p.score[i], model_version: p.modelVersion[i] };
    return { predictions };
  });

  app.post('/admin/reload', async () => {
    const result = await reloader.reload({ force: false });
    if (result.error) throw new HttpError('RELOAD_FAILED', messages.reloadFailed(result.error));
    return { changed: result.changed, versions: reloader.status().versions };
  });

  let closing: Promise<void> | undefined;
  return {
    app,
    reloader,
    async listen({ port = 8080, host = '127.0.0.1' } = {}) {
      return app.listen({ port, host });
    },
    close() {
      closing ??= (async () => {
        reloader.stop();
        await app.close();
        await exposure?.close();
      })();
      return closing;
    },
  };
}

function sendError(reply: FastifyReply, error: FastifyError | HttpError | RouterError): FastifyReply {
  let status: number;
  let body: WireError;
  if (HttpError.isInstance(error)) {
    status = error.status;
    body = { error_code: error.errorCode, message: error.message };
  } else if (RouterError.isInstance(error)) {
    status = error.code === 'INVALID_INPUT' ? 400 : 500;
    body = { error_code: status === 400 ? 'INVALID_PARAMETER_VALUE' : 'INTERNAL_ERROR', message: error.message };
  } else if ('validation' in error && error.validation) {
    status = 400;
    body = { error_code: 'INVALID_PARAMETER_VALUE', message: error.message };
  } else {
    status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    const code = error instanceof SyntaxError || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'MALFORMED_REQUEST' : codeForStatus(status);
    body = { error_code: code, message: status >= 500 ? `internal error: ${error.message}` : error.message };
  }
  return reply.code(status).type('application/json').send(body);
}
