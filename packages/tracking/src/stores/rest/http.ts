import { TrackingError } from '../../errors';
import { messages } from '../../messages';
import { checkCall } from '../../arguments';
import { HTTP_OPTION_KEYS, REQUEST_SPEC_KEYS } from '../../call-specs';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpOptions {
  /** Injected fetch; defaults to globalThis.fetch. */
  fetch?: FetchLike;
  /** Per-attempt timeout in ms (default 120 000, MLflow's MLFLOW_HTTP_REQUEST_TIMEOUT). */
  timeoutMs?: number;
  /** Retries after the first attempt on 429/5xx and network errors (default 5). */
  maxRetries?: number;
  /** First backoff in ms, doubled each retry (default 200). */
  backoffMs?: number;
  /** Injected sleep (tests pass a no-op). */
  sleep?: (ms: number) => Promise<void>;
  /** Basic auth; default from MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD. */
  username?: string;
  password?: string;
  /** Bearer token; default from MLFLOW_TRACKING_TOKEN. */
  token?: string;
  /** Environment to read the MLFLOW_* variables from (default process.env). */
  env?: Record<string, string | undefined>;
}

export interface RequestSpec {
  method: string;
  /** Path under the base URL, e.g. `/api/2.0/mlflow/runs/get`. */
  path: string;
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  json?: unknown;
  body?: Uint8Array;
  contentType?: string;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

/** fetch + auth + timeout + retry with exponential backoff, returning parsed JSON or bytes. */
export class HttpClient {
  readonly baseUrl: string;
  readonly #fetch: FetchLike;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #backoffMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #authHeader: string | undefined;

  constructor(baseUrl: string, options: HttpOptions = {}) {
    checkCall('HttpClient', arguments, 2, { 1: HTTP_OPTION_KEYS });
    const env = options.env ?? process.env;
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? 120_000;
    this.#maxRetries = options.maxRetries ?? 5;
    this.#backoffMs = options.backoffMs ?? 200;
    this.#sleep = options.sleep ?? defaultSleep;
    const username = options.username ?? env.MLFLOW_TRACKING_USERNAME;
    const password = options.password ?? env.MLFLOW_TRACKING_PASSWORD;
    const token = options.token ?? env.MLFLOW_TRACKING_TOKEN;
    // MLflow's get_default_host_creds: basic auth when both are set, else bearer token.
    if (username && password) this.#authHeader = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    else if (token) this.#authHeader = `Bearer ${token}`;
  }

  url(path: string, query?: RequestSpec['query']): string {
    checkCall('HttpClient.url', arguments, 2);
    const u = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const item of v) u.searchParams.append(k, String(item));
      else u.searchParams.set(k, String(v));
    }
    return u.toString();
  }

  async #send(spec: RequestSpec): Promise<Response> {
    const url = this.url(spec.path, spec.query);
    const headers: Record<string, string> = {};
    if (this.#authHeader) headers.Authorization = this.#authHeader;
    let body: RequestInit['body'];
    if (spec.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(spec.json);
    } else if (spec.body !== undefined) {
      headers['Content-Type'] = spec.contentType ?? 'application/octet-stream';
      body = spec.body as unknown as RequestInit['body'];
    }
    let lastError: TrackingError | undefined;
    for (let attempt = 0; attempt <= this.#maxRetries; attempt++) {
      if (attempt > 0) await this.#sleep(this.#backoffMs * 2 ** (attempt - 1));
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
      let res: Response;
      try {
        res = await this.#fetch(url, { method: spec.method, headers, body, signal: controller.signal });
      } catch (err) {
        lastError = controller.signal.aborted
          ? new TrackingError('DEADLINE_EXCEEDED', messages.timeout(url, this.#timeoutMs), { cause: err })
          : new TrackingError('SERVER_UNREACHABLE', messages.serverUnreachable(url, describe(err)), { cause: err });
        continue;
      } finally {
        clearTimeout(timer);
      }
      if (isRetryableStatus(res.status) && attempt < this.#maxRetries) {
        await res.arrayBuffer().catch(() => undefined);
        lastError = TrackingError.fromResponseBody(undefined, res.status, `${spec.method} ${url}`);
        continue;
      }
      return res;
    }
    throw lastError ?? new TrackingError('SERVER_UNREACHABLE', messages.serverUnreachable(url, 'no attempt made'));
  }

  /** Sends a request and parses MLflow's JSON answer; typed errors for error bodies and HTML. */
  async json<T = Record<string, unknown>>(spec: RequestSpec): Promise<T> {
    checkCall('HttpClient.json', arguments, 1, { 0: REQUEST_SPEC_KEYS });
    const res = await this.#send(spec);
    const url = this.url(spec.path);
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    let parsed: unknown;
    if (text === '') parsed = {};
    else {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new TrackingError('UNEXPECTED_RESPONSE', messages.notJson(url, res.status, contentType), { httpStatus: res.status });
      }
    }
    if (!res.ok) throw TrackingError.fromResponseBody(parsed, res.status, `${spec.method} ${url}`);
    return parsed as T;
  }

  /** Sends a request and returns the raw body bytes (artifact downloads). */
  async bytes(spec: RequestSpec): Promise<Uint8Array> {
    checkCall('HttpClient.bytes', arguments, 1, { 0: REQUEST_SPEC_KEYS });
    const res = await this.#send(spec);
    const buf = new Uint8Array(await res.arrayBuffer());
    if (!res.ok) {
      const text = new TextDecoder().decode(buf);
      throw TrackingError.fromResponseBody(text, res.status, `${spec.method} ${this.url(spec.path)}`);
    }
    return buf;
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? err.message;
  }
  return String(err);
}
