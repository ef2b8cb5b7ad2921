import { DataError, DataFormatError, DatasetUnavailableError, InvalidOptionError, TablesFormatError } from '@abt/data';
import { EvalError } from '@abt/eval';
import { FeaturesError } from '@abt/features';
import { InvalidArgumentError, InvalidInputError, InvalidParamError, ModelFormatError, ModelsError, NotFittedError } from '@abt/models';
import { BundleFormatError, InvalidUriError, RegistryError, UnsafePathError } from '@abt/registry';
import { ConfigError, InvalidInputError as RouterInputError, PolicyLoadError, RouterError } from '@abt/router';
import { HttpError } from '@abt/router/server';
import { MissingPeerError as TrackingMissingPeerError, TrackingError } from '@abt/tracking';
import { describe, expect, it } from 'vitest';
import { EXIT, PipelineError, exitKindOf } from './errors';

// The CLI's exit code for one error of every class of every package (README: 0 ok, 1 other, 2 usage,
// 3 data, 4 tracking/registry, 130 interrupted).
const cases: ReadonlyArray<readonly [Error, number]> = [
  [new PipelineError('usage', 'm'), 2],
  [new PipelineError('interrupted', 'm'), 130],
  [new DataError('DATA_FORMAT', 'm'), 3],
  [new DataFormatError('field-count', 'u.data', 1, undefined, 'm'), 3],
  [new DatasetUnavailableError('DATASET_NOT_FOUND', 'ml-100k', '/x', undefined, 'm'), 3],
  [new InvalidOptionError('seed', 'm'), 3],
  [new TablesFormatError('/x', 'm'), 3],
  [new FeaturesError('INVALID_INPUT', 'm'), 3],
  [new ModelsError('INVALID_INPUT', 'm'), 1],
  [new NotFittedError('m'), 1],
  [new InvalidParamError('C', 'm'), 1],
  [new InvalidInputError('m'), 1],
  [new ModelFormatError('m'), 1],
  [new InvalidArgumentError('LogisticRegression.fit', 'options.x', 'm'), 1],
  [new EvalError('UNDEFINED_METRIC', 'm'), 1],
  [new TrackingError('RESOURCE_DOES_NOT_EXIST', 'm'), 4],
  [new TrackingMissingPeerError('better-sqlite3', 'the SQLite store', 'm'), 4],
  [new RegistryError('RESOURCE_DOES_NOT_EXIST', 'm'), 4],
  [new BundleFormatError('MLmodel', undefined, 'm'), 4],
  [new InvalidUriError('models:/x', 'm'), 4],
  [new UnsafePathError('../x', 'm'), 4],
  [new ConfigError('INVALID_EXPERIMENT', 'experiment.arms[0].weight', 'm'), 2],
  [new PolicyLoadError('models:/x@a', 'm'), 4],
  [new RouterError('NOT_STARTED', 'm'), 1],
  [new RouterInputError('rows[0]', 'm'), 1],
  [new HttpError('BAD_REQUEST', 'm'), 1],
  [new Error('plain'), 1],
];

describe('pipeline exit codes by error class', () => {
  it.each(cases.map(([e, code]) => [e.name, e.message, e, code] as const))('%s → exit %#', (_name, _m, e, code) => {
    expect(EXIT[exitKindOf(e)]).toBe(code);
  });

  it('recognises a package error from a duplicate install by its marker', () => {
    expect(EXIT[exitKindOf(Object.assign(new Error('x'), { [Symbol.for('@abt/registry/RegistryError')]: true }))]).toBe(4);
    expect(EXIT[exitKindOf(Object.assign(new Error('x'), { [Symbol.for('@abt/pipeline/PipelineError')]: true, kind: 'data' }))]).toBe(3);
  });

  it('PipelineError passes cause to Error', () => {
    const cause = new Error('root');
    expect(new PipelineError('data', 'm', { cause }).cause).toBe(cause);
    expect(PipelineError.isInstance(new DataError('DATA_FORMAT', 'm'))).toBe(false);
  });
});
