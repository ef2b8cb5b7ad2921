import { checkArity, checkOptions } from './check-args';
import { RouterError } from './errors';
import { messages } from './messages';
import type { PolicyLoader } from './policy';
import { parseRouterConfig, type RouterConfig } from './router-config';
import { RouterModel } from './router-model';
import type { StickyStore } from './sticky-store';

/** Where a reloading router gets its models: a cheap version check and a full load. */
export type RouterSource = {
  /** Interface version; changes only as a breaking change. */
  readonly version: 1;
  /** Model version currently behind each model URI (e.g. where each alias points). Polled. */
  resolveCurrent(): Promise<Readonly<Record<string, string>>>;
  /** Builds a router for exactly these versions (the result of `resolveCurrent`). */
  load(resolved: Readonly<Record<string, string>>): Promise<RouterModel>;
};

/** A {@link RouterSource} from a router config and a policy loader. */
export function routerSourceFromConfig(config: RouterConfig | unknown, loader: PolicyLoader, options: { stickyStore?: StickyStore } = {}): RouterSource {
  checkArity('routerSourceFromConfig', arguments, 3);
  checkOptions('routerSourceFromConfig', options, ['stickyStore']);
  const parsed = parseRouterConfig(config);
  const uris = [...new Set(Object.values(parsed.config.models))];
  return {
    version: 1,
    async resolveCurrent() {
      const versions = await Promise.all(uris.map((u) => loader.resolve(u)));
      return Object.fromEntries(uris.map((u, i) => [u, versions[i] as string]));
    },
    load: (resolved) => RouterModel.load(parsed.config, loader, { ...options, resolved }),
  };
}

/** What /health reports about reloading. */
export type ReloadStatus = {
  /** Versions the serving router was built from. */
  versions: Readonly<Record<string, string>>;
  reloads: number;
  lastReloadAt: string | undefined;
  /** Message of the last failed check or load; cleared by the next success. */
  lastReloadError: string | undefined;
  lastReloadErrorAt: string | undefined;
};

export type ReloadResult = { changed: boolean; error?: string };

export type ReloadingRouterOptions = {
  source: RouterSource;
  /** Poll `resolveCurrent` this often; 0 disables polling. Default 30 000 ms. */
  pollIntervalMs?: number;
  /** Clock for status timestamps; default `Date.now`. */
  now?: () => number;
};

/** A router that can be swapped while serving. */
export type ReloadingRouter = {
  /** Initial load; rejects (naming the missing alias or model) when it fails. Starts polling. */
  start(): Promise<void>;
  /** The router serving now. Callers keep the reference for the whole request, so a swap never changes a request midway. */
  current(): RouterModel;
  /** Checks versions and, when they moved (or `force`), loads in the background and swaps atomically. */
  reload(options?: { force?: boolean }): Promise<ReloadResult>;
  status(): ReloadStatus;
  /** Stops polling. */
  stop(): void;
};

/**
 * Hot reload: a broken new version leaves the old router serving and records the error;
 * concurrent reloads share one in-flight attempt.
 */
export function createReloadingRouter(options: ReloadingRouterOptions): ReloadingRouter {
  checkArity('createReloadingRouter', arguments, 1);
  checkOptions('createReloadingRouter', options, ['source', 'pollIntervalMs', 'now']);
  const { source, pollIntervalMs = 30_000, now = Date.now } = options;
  let router: RouterModel | undefined;
  let versions: Readonly<Record<string, string>> = {};
  let inFlight: Promise<ReloadResult> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  const status = {
    reloads: 0,
    lastReloadAt: undefined as string | undefined,
    lastReloadError: undefined as string | undefined,
    lastReloadErrorAt: undefined as string | undefined,
  };
  const iso = () => new Date(now()).toISOString();
  const same = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) =>
    Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

  async function attempt(force: boolean): Promise<ReloadResult> {
    try {
      const next = await source.resolveCurrent();
      if (!force && router && same(next, versions)) return { changed: false };
      const loaded = await source.load(next);
      router = loaded;
      versions = next;
      status.reloads++;
      status.lastReloadAt = iso();
      status.lastReloadError = undefined;
      status.lastReloadErrorAt = undefined;
      return { changed: true };
    } catch (e) {
      status.lastReloadError = (e as Error).message;
      status.lastReloadErrorAt = iso();
      return { changed: false, error: status.lastReloadError };
    }
  }

  const reload = (opts: { force?: boolean } = {}): Promise<ReloadResult> => {
    inFlight ??= attempt(opts.force === true).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  return {
    async start() {
      const next = await source.resolveCurrent();
      router = await source.load(next);
      versions = next;
      status.lastReloadAt = iso();
      if (pollIntervalMs > 0 && !timer) {
        timer = setInterval(() => void reload(), pollIntervalMs);
        timer.unref();
      }
    },
    current() {
      if (!router) throw new RouterError('NOT_STARTED', messages.notStarted());
      return router;
    },
    reload,
    status: () => ({ versions, ...status }),
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
