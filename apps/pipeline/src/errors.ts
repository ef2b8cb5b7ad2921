/** Exit codes the CLI promises (README and --help). */
export const EXIT = { ok: 0, other: 1, usage: 2, data: 3, tracking: 4, interrupted: 130 } as const;
export type ExitKind = keyof typeof EXIT;

const MARKER = Symbol.for('abt.pipeline.error');

/** An error the CLI reports as one readable paragraph, with its exit code. */
export class PipelineError extends Error {
  readonly [MARKER] = true;
  constructor(
    readonly kind: Exclude<ExitKind, 'ok'>,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PipelineError';
  }
  static isInstance(e: unknown): e is PipelineError {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** Packages' typed errors, recognised by their Symbol.for markers so duplicate installs still match. */
const KIND_BY_MARKER: ReadonlyArray<[string, Exclude<ExitKind, 'ok'>]> = [
  ['abt.data.error', 'data'],
  ['@abt/features/FeaturesError', 'data'],
  ['@abt/tracking/TrackingError', 'tracking'],
  ['@abt/registry.error', 'tracking'],
];

/** The exit kind for any thrown value. */
export function exitKindOf(e: unknown): Exclude<ExitKind, 'ok'> {
  if (PipelineError.isInstance(e)) return e.kind;
  if (typeof e === 'object' && e !== null) {
    for (const [marker, kind] of KIND_BY_MARKER) {
      if ((e as Record<symbol, unknown>)[Symbol.for(marker)] === true) return kind;
    }
  }
  return 'other';
}
