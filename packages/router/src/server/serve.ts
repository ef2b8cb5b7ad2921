import { createRouterServer, type RouterServer, type RouterServerOptions } from './create-router-server';

export type ServeOptions = RouterServerOptions & {
  port?: number;
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
 * in-flight requests finish, then flushes and fsyncs the exposure log before exiting.
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const { port = 8080, host = '127.0.0.1', signals = ['SIGTERM', 'SIGINT'], onShutdown, ...rest } = options;
  const server = await createRouterServer(rest);
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
