import { DataError } from '@abt/data';
import { EvalError } from '@abt/eval';
import { FeaturesError } from '@abt/features';
import { ModelsError } from '@abt/models';
import { RegistryError } from '@abt/registry';
import { ConfigError, PolicyLoadError, RouterError } from '@abt/router';
import { TrackingError } from '@abt/tracking';

/** Exit codes the CLI promises (README and --help). */
export const EXIT = { ok: 0, other: 1, usage: 2, data: 3, tracking: 4, interrupted: 130 } as const;
export type ExitKind = keyof typeof EXIT;

const pipelineErrorMarker = Symbol.for('@abt/pipeline/PipelineError');

/** An error the CLI reports as one readable paragraph, with its exit code. */
export class PipelineError extends Error {
  readonly [pipelineErrorMarker] = true;
  constructor(
    readonly kind: Exclude<ExitKind, 'ok'>,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PipelineError';
  }
  /** True for any PipelineError, even one from a duplicate install. */
  static isInstance(e: unknown): e is PipelineError {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[pipelineErrorMarker] === true;
  }
}

/**
 * Every package's error classes and the exit kind each means, checked in order with the class's own
 * `isInstance` (so duplicate installs still match); subclasses come before their base.
 */
const EXIT_KIND_BY_CLASS: ReadonlyArray<readonly [{ readonly name: string; isInstance(e: unknown): boolean }, Exclude<ExitKind, 'ok'>]> = [
  [DataError, 'data'],
  [FeaturesError, 'data'],
  [ModelsError, 'other'],
  [EvalError, 'other'],
  [TrackingError, 'tracking'],
  [RegistryError, 'tracking'],
  // An experiment or router config built from the options (--weights, --arms…) is a usage error.
  [ConfigError, 'usage'],
  // A policy that cannot be read back from the registry.
  [PolicyLoadError, 'tracking'],
  [RouterError, 'other'],
];

/** The exit kind for any thrown value. */
export function exitKindOf(e: unknown): Exclude<ExitKind, 'ok'> {
  if (PipelineError.isInstance(e)) return e.kind;
  for (const [cls, kind] of EXIT_KIND_BY_CLASS) if (cls.isInstance(e)) return kind;
  return 'other';
}
