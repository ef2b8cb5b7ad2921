import { EvalError } from '../errors';

const metricsFileMarker = Symbol.for('@abt/eval/MetricsFileError');
const sourceMarker = Symbol.for('@abt/eval/AnalysisSourceError');
const engineMarker = Symbol.for('@abt/eval/SqlEngineError');

/** Where in a metrics file a problem sits. */
export interface MetricsFileLocation {
  /** File path (or a label such as `<inline>`). */
  readonly file: string;
  /** 1-based line; undefined when the problem concerns the whole file. */
  readonly line?: number;
  /** Key path, e.g. `metrics[1].type`. */
  readonly key?: string;
}

/** A metrics file that is not valid YAML/JSON or breaks its schema; `location` gives file, line and key. */
export class MetricsFileError extends EvalError {
  readonly [metricsFileMarker] = true;
  constructor(
    message: string,
    readonly location: MetricsFileLocation,
    options: { cause?: unknown } = {},
  ) {
    super('INVALID_METRICS_FILE', message, options);
    this.name = 'MetricsFileError';
  }
  static override isInstance(e: unknown): e is MetricsFileError {
    return EvalError.hasMarker(e, metricsFileMarker);
  }
}

/** An exposures/events/stats source that cannot be used: no file matches, unknown format, a format the engine cannot read. */
export class AnalysisSourceError extends EvalError {
  readonly [sourceMarker] = true;
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('INVALID_SOURCE', message, options);
    this.name = 'AnalysisSourceError';
  }
  static override isInstance(e: unknown): e is AnalysisSourceError {
    return EvalError.hasMarker(e, sourceMarker);
  }
}

/** The database refused or failed a query, cannot be reached, or its client package (an optional peer) is missing. */
export class SqlEngineError extends EvalError {
  readonly [engineMarker] = true;
  constructor(
    message: string,
    readonly engine: string,
    options: { cause?: unknown } = {},
  ) {
    super('ENGINE_FAILED', message, options);
    this.name = 'SqlEngineError';
  }
  static override isInstance(e: unknown): e is SqlEngineError {
    return EvalError.hasMarker(e, engineMarker);
  }
}
