import { checkArity, checkOptions } from '../check-args';
import { createRouterServer, ROUTER_SERVER_OPTIONS, type RouterServer, type RouterServerOptions } from './create-router-server';

const SERVE_OPTIONS = [...ROUTER_SERVER_OPTIONS, 'port', 'host', 'signals', 'onShutdown'];

export type ServeOptions = RouterServerOptions & {
  port?: number;
  /** Default 127.0.0.1; any other address prints a warning (see `createRouterServer`). */
  host?: string;
  /** Signals that trigger a graceful shutdown. Default SIGTERM and SIGINT. */
  signals?: NodeJS.Signals[];
  /** Called once shutdown finished (default: set `process.exitCode = 0`, letting the process end). */
  onShutdown?: (error?: unknown) => void;
};

/** A listening server and how to stop it. */
export type RunningServer = RouterServer & { readonly address: string; shutdown(): Promise<void> };

/**
 * Starts a router server and installs graceful shutdown: on SIGTERM it stops accepting, lets
 * in-flight requests finish, then flushes and fsyncs the exposure log and closes the history
 * store before exiting. The admin token defaults to `ABT_ADMIN_TOKEN`.
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  checkArity('serve', arguments, 1);
  const { port = 8080, host = '127.0.0.1', signals = ['SIGTERM', 'SIGINT'], onShutdown, ...rest } = checkOptions('serve', options, [...SERVE_OPTIONS]);
  // The process-level entry reads the admin token from the environment when not given.
  const adminToken = rest.adminToken ?? process.env.ABT_ADMIN_TOKEN;
  const server = await createRouterServer({ ...rest, ...(adminToken ? { adminToken } : {}) });
  const address = await server.listen({ port, host });
  let done: Promise<void> | undefined;
  const shutdown = () => {
    done ??= server.close().then(
      () => {
        for (const s of signals) process.off(s, onSignal);
        if (onShutdown) onShutdown();
        else process.exitCode = 0;
      },
      (e: unknown) => {
        if (onShutdown) onShutdown(e);
        else process.exitCode = 1;
      },
    );
    return done;
  };
  const onSignal = () => void shutdown();
  for (const s of signals) process.on(s, onSignal);
  return { ...server, address, shutdown };
}
