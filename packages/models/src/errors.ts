const MARKER = Symbol.for('abt.models.error');

export type ModelsErrorCode =
  | 'NOT_FITTED'
  | 'INVALID_PARAM'
  | 'INVALID_INPUT'
  | 'MODEL_FORMAT';

/** Base class of every error `@abt/models` throws; `code` says which kind. */
export class ModelsError extends Error {
  readonly [MARKER] = true;
  constructor(
    readonly code: ModelsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ModelsError';
  }
  /** Survives duplicate installs, unlike `instanceof`. */
  static isInstance(e: unknown): e is ModelsError {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** A fitted attribute or prediction was requested before `fit`. */
export class NotFittedError extends ModelsError {
  constructor(message: string) {
    super('NOT_FITTED', message);
    this.name = 'NotFittedError';
  }
}

/** A hyperparameter is out of range; `param` names it. */
export class InvalidParamError extends ModelsError {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super('INVALID_PARAM', message);
    this.name = 'InvalidParamError';
  }
}

/** X / y do not fit the model: shapes, NaN labels, a single class, … */
export class InvalidInputError extends ModelsError {
  constructor(message: string) {
    super('INVALID_INPUT', message);
    this.name = 'InvalidInputError';
  }
}

/** Serialized model text or JSON is malformed; `line` is 1-based when known. */
export class ModelFormatError extends ModelsError {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super('MODEL_FORMAT', message);
    this.name = 'ModelFormatError';
  }
}
