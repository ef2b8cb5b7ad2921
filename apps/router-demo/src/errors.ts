import { DataError } from '@abt/data';
import { EvalError } from '@abt/eval';
import { FeaturesError } from '@abt/features';
import { ModelsError } from '@abt/models';
import { BundleFormatError, RegistryError } from '@abt/registry';
import { ConfigError, PolicyLoadError, RouterError } from '@abt/router';
import { TrackingError } from '@abt/tracking';

const routerDemoErrorMarker = Symbol.for('@abt/router-demo/RouterDemoError');

/** What went wrong, and so which exit code the CLI returns (see {@link EXIT_CODES}). */
export type RouterDemoErrorCode = 'INVALID_OPTION' | 'MODEL_NOT_FOUND' | 'MODEL_LOAD_FAILED' | 'DATA_UNAVAILABLE' | 'NO_ROWS';

/**
 * Exit codes of the CLI, the pipeline's (`abt-pipeline`): 1 other, 2 usage, 3 data, 4 tracking/registry
 * (a missing alias or model, a bundle that cannot be loaded, a store that cannot be reached), 130 interrupted.
 */
export const EXIT_CODES: Readonly<Record<RouterDemoErrorCode | 'USAGE' | 'UNEXPECTED' | 'TRACKING', number>> = {
  UNEXPECTED: 1,
  USAGE: 2,
  INVALID_OPTION: 2,
  DATA_UNAVAILABLE: 3,
  NO_ROWS: 3,
  MODEL_NOT_FOUND: 4,
  MODEL_LOAD_FAILED: 4,
  TRACKING: 4,
};

/** Base class of every error the router demo raises itself; `code` selects the exit code. */
export class RouterDemoError extends Error {
  readonly [routerDemoErrorMarker] = true;
  constructor(
    readonly code: RouterDemoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RouterDemoError';
  }
  /** Survives duplicate installs, unlike `instanceof`. */
  static isInstance(e: unknown): e is RouterDemoError {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[routerDemoErrorMarker] === true;
  }
}

/**
 * The packages' error classes the demo can meet unwrapped, and the exit code each means (README
 * "Exit codes"), checked in order with each class's own `isInstance`; subclasses before their base.
 */
export const EXIT_CODE_BY_CLASS: ReadonlyArray<readonly [{ readonly name: string; isInstance(e: unknown): boolean }, keyof typeof EXIT_CODES]> = [
  [DataError, 'DATA_UNAVAILABLE'],
  [FeaturesError, 'DATA_UNAVAILABLE'],
  // A bundle, model file or registered router config that exists but does not load.
  [BundleFormatError, 'MODEL_LOAD_FAILED'],
  [ModelsError, 'MODEL_LOAD_FAILED'],
  [ConfigError, 'MODEL_LOAD_FAILED'],
  [PolicyLoadError, 'MODEL_LOAD_FAILED'],
  // The router, a policy, an alias or the tracking database is not there or cannot be reached.
  [RegistryError, 'TRACKING'],
  [TrackingError, 'TRACKING'],
  [RouterError, 'UNEXPECTED'],
  [EvalError, 'UNEXPECTED'],
];

/** The CLI's exit code for a thrown value: its RouterDemoError code, else by package error class, else 1. */
export function exitCodeOf(e: unknown): number {
  if (RouterDemoError.isInstance(e)) return EXIT_CODES[e.code];
  for (const [cls, code] of EXIT_CODE_BY_CLASS) if (cls.isInstance(e)) return EXIT_CODES[code];
  return EXIT_CODES.UNEXPECTED;
}
