/**
 * The Node built-ins that training on worker threads needs, looked up when used
 * (`process.getBuiltinModule`, Node ≥ 20.16) rather than imported, so the package bundles for
 * browsers and edge runtimes with nothing to stub. Where they are missing (a browser, Node before
 * 20.16) training stays on one thread, with the same result.
 */
type NodeBuiltins = {
  readonly os: typeof import('node:os');
  readonly workerThreads: typeof import('node:worker_threads');
  readonly fs: typeof import('node:fs');
  readonly url: typeof import('node:url');
};

type ProcessLike = {
  readonly env?: Record<string, string | undefined>;
  getBuiltinModule?(id: string): unknown;
};

const runtimeProcess = (): ProcessLike | undefined => (globalThis as { process?: ProcessLike }).process;

let cached: NodeBuiltins | null | undefined;

/** The built-ins, or undefined outside Node (or on a Node without `process.getBuiltinModule`). */
export function nodeBuiltins(): NodeBuiltins | undefined {
  if (cached === undefined) {
    const get = runtimeProcess()?.getBuiltinModule;
    cached = get
      ? {
          os: get('node:os') as NodeBuiltins['os'],
          workerThreads: get('node:worker_threads') as NodeBuiltins['workerThreads'],
          fs: get('node:fs') as NodeBuiltins['fs'],
          url: get('node:url') as NodeBuiltins['url'],
        }
      : null;
  }
  return cached ?? undefined;
}

/** An environment variable, or undefined where there is no `process`. */
export const envVar = (name: string): string | undefined => runtimeProcess()?.env?.[name];
