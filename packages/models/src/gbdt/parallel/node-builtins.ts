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

/**
 * Node flags a training worker may inherit: the process's own, less those that make sense only
 * for the main script (`--input-type` with code from stdin, `-e`, `-p`, `-i`): a worker started
 * from a file fails before it runs with them.
 */
export function mainExecArgv(): string[] {
  const argv = (runtimeProcess() as { execArgv?: string[] } | undefined)?.execArgv ?? [];
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (/^--input-type(=|$)/.test(a)) {
      if (!a.includes('=')) i++;
      continue;
    }
    if (/^(-e|--eval|-p|--print)$/.test(a)) {
      i++;
      continue;
    }
    if (/^(--eval|--print)=/.test(a) || a === '-i' || a === '--interactive') continue;
    out.push(a);
  }
  return out;
}

/**
 * `new Worker(url, { ...options, execArgv })`, retried once without the flags Node refuses in a
 * worker (process-wide and V8 flags such as `--expose-gc`, `--max-old-space-size`): those already
 * apply to the whole process, and Node names them in ERR_WORKER_INVALID_EXEC_ARGV's message.
 */
export function startWorker<W, O extends object>(
  Worker: new (url: URL, options: O & { execArgv: string[] }) => W,
  url: URL,
  options: O,
  execArgv: string[],
): W {
  try {
    return new Worker(url, { ...options, execArgv });
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e;
    const refused = new Set(
      String((e as Error).message)
        .replace(/^[^:]*:/, '')
        .split(/[\s,]+/)
        .filter((f) => f.startsWith('-'))
        .map((f) => f.split('=')[0]),
    );
    return new Worker(url, { ...options, execArgv: execArgv.filter((a) => !refused.has(a.split('=')[0])) });
  }
}

const warned = new Set<string>();

/** A warning, once per message per process (`process.emitWarning` in Node, else `console.warn`). */
export function warnOnce(message: string, code = 'ABT_GBDT_ONE_THREAD'): void {
  if (warned.has(message)) return;
  warned.add(message);
  const p = runtimeProcess() as { emitWarning?: (m: string, o: { code: string }) => void } | undefined;
  if (p?.emitWarning) p.emitWarning(message, { code });
  else console.warn(message);
}
