/** One assignment as written to the exposure log. */
export type ExposureEvent = {
  /** Epoch milliseconds of the assignment. */
  readonly time: number;
  readonly experiment: string;
  readonly userId: number | string;
  readonly arm: string;
  readonly modelVersion: string;
  /** False for traffic outside coverage (served the default arm). */
  readonly inExperiment: boolean;
};

/**
 * Where assignments go. `append` must be cheap and never throw on the request path;
 * durability is the sink's business (`flush`, `close`).
 */
export type ExposureSink = {
  /** Interface version; changes only as a breaking change. */
  readonly version: 1;
  append(event: ExposureEvent): void;
  /** Resolves once everything appended so far is durable. */
  flush(): Promise<void>;
  /** Flushes and releases resources; later appends are dropped and counted. */
  close(): Promise<void>;
};

// Events of one batch share a timestamp: format it once.
let lastTime = Number.NaN;
let lastIso = '';

/** The NDJSON line for one event (`time` as ISO-8601 UTC), newline included. */
export function exposureLine(e: ExposureEvent): string {
  if (e.time !== lastTime) {
    lastTime = e.time;
    lastIso = new Date(e.time).toISOString();
  }
  return (
    `{"time":"${lastIso}","experiment":${JSON.stringify(e.experiment)},` +
    `"userId":${JSON.stringify(e.userId)},"arm":${JSON.stringify(e.arm)},` +
    `"modelVersion":${JSON.stringify(e.modelVersion)},"inExperiment":${e.inExperiment}}\n`
  );
}

/** An in-memory sink (tests, demos). */
export function createMemoryExposureSink(): ExposureSink & { readonly events: ExposureEvent[] } {
  const events: ExposureEvent[] = [];
  return { version: 1, events, append: (e) => void events.push(e), flush: async () => {}, close: async () => {} };
}
