/**
 * Errors of `@abt/models`. Every class has its own `Symbol.for('@abt/models/<Class>')` marker and its
 * own `isInstance`, so a check survives duplicate installs (unlike `instanceof`), a subclass is an
 * instance of `ModelsError`, and sibling classes are not instances of each other.
 */
const modelsErrorMarker = Symbol.for('@abt/models/ModelsError');

export type ModelsErrorCode = 'NOT_FITTED' | 'INVALID_PARAM' | 'INVALID_INPUT' | 'MODEL_FORMAT' | 'INVALID_ARGUMENT';

/** Base class of every error `@abt/models` throws; `code` says which kind. */
export class ModelsError extends Error {
  readonly [modelsErrorMarker] = true;
  constructor(
    readonly code: ModelsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ModelsError';
  }
  /** True for any ModelsError (subclasses included), even from a duplicate install of this package. */
  static isInstance(e: unknown): e is ModelsError {
    return ModelsError.hasMarker(e, modelsErrorMarker);
  }
  protected static hasMarker(e: unknown, marker: symbol): boolean {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[marker] === true;
  }
}

const notFittedErrorMarker = Symbol.for('@abt/models/NotFittedError');

/** A fitted attribute or prediction was requested before `fit`. */
export class NotFittedError extends ModelsError {
  readonly [notFittedErrorMarker] = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super('NOT_FITTED', message, options);
    this.name = 'NotFittedError';
  }
  static override isInstance(e: unknown): e is NotFittedError {
    return ModelsError.hasMarker(e, notFittedErrorMarker);
  }
}

const invalidParamErrorMarker = Symbol.for('@abt/models/InvalidParamError');

/** A hyperparameter is out of range; `param` names it. */
export class InvalidParamError extends ModelsError {
  readonly [invalidParamErrorMarker] = true;
  constructor(
    readonly param: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('INVALID_PARAM', message, options);
    this.name = 'InvalidParamError';
  }
  static override isInstance(e: unknown): e is InvalidParamError {
    return ModelsError.hasMarker(e, invalidParamErrorMarker);
  }
}

const invalidInputErrorMarker = Symbol.for('@abt/models/InvalidInputError');

/** X / y do not fit the model: shapes, NaN labels, a single class, … */
export class InvalidInputError extends ModelsError {
  readonly [invalidInputErrorMarker] = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_INPUT', message, options);
    this.name = 'InvalidInputError';
  }
  static override isInstance(e: unknown): e is InvalidInputError {
    return ModelsError.hasMarker(e, invalidInputErrorMarker);
  }
}

const modelFormatErrorMarker = Symbol.for('@abt/models/ModelFormatError');

/** Serialized model text or JSON is malformed; `line` is 1-based when known. */
export class ModelFormatError extends ModelsError {
  readonly [modelFormatErrorMarker] = true;
  constructor(
    message: string,
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super('MODEL_FORMAT', message, options);
    this.name = 'ModelFormatError';
  }
  static override isInstance(e: unknown): e is ModelFormatError {
    return ModelsError.hasMarker(e, modelFormatErrorMarker);
  }
}

const invalidArgumentErrorMarker = Symbol.for('@abt/models/InvalidArgumentError');

/**
 * A call got an option key or a positional argument its function does not take (plain-JavaScript
 * callers have no type checker). `fn` names the function, `argument` the key (`options.sampleWeigth`)
 * or the position (`argument 4`).
 */
export class InvalidArgumentError extends ModelsError {
  readonly [invalidArgumentErrorMarker] = true;
  constructor(
    readonly fn: string,
    readonly argument: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('INVALID_ARGUMENT', message, options);
    this.name = 'InvalidArgumentError';
  }
  static override isInstance(e: unknown): e is InvalidArgumentError {
    return ModelsError.hasMarker(e, invalidArgumentErrorMarker);
  }
}
