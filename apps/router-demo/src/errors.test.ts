import { DataError, DataFormatError, DatasetUnavailableError, InvalidOptionError, TablesFormatError } from '@abt/data';
import { EvalError } from '@abt/eval';
import { FeaturesError } from '@abt/features';
import { InvalidArgumentError, InvalidInputError, InvalidParamError, ModelFormatError, ModelsError, NotFittedError } from '@abt/models';
import { BundleFormatError, InvalidUriError, RegistryError, UnsafePathError } from '@abt/registry';
import { ConfigError, InvalidInputError as RouterInputError, PolicyLoadError, RouterError } from '@abt/router';
import { MissingPeerError as TrackingMissingPeerError, TrackingError } from '@abt/tracking';
import { describe, expect, it } from 'vitest';
import { RouterDemoError, exitCodeOf } from './errors';

// The CLI's exit code for one error of every class of every package: the pipeline's codes (README
// "Exit codes": 1 unexpected, 2 bad option, 3 data, 4 tracking/registry: a model, alias or store that is
// missing, unreachable or does not load).
const cases: ReadonlyArray<readonly [Error, number]> = [
  [new RouterDemoError('INVALID_OPTION', 'm'), 2],
  [new RouterDemoError('NO_ROWS', 'm'), 3],
  [new RouterDemoError('MODEL_NOT_FOUND', 'm'), 4],
  [new RouterDemoError('MODEL_LOAD_FAILED', 'm'), 4],
  [new DataError('DATA_FORMAT', 'm'), 3],
  [new DataFormatError('field-count', 'u.data', 1, undefined, 'm'), 3],
  [new DatasetUnavailableError('DATASET_NOT_FOUND', 'ml-100k', '/x', undefined, 'm'), 3],
  [new InvalidOptionError('seed', 'm'), 3],
  [new TablesFormatError('/x', 'm'), 3],
  [new FeaturesError('INVALID_INPUT', 'm'), 3],
  [new ModelsError('INVALID_INPUT', 'm'), 4],
  [new NotFittedError('m'), 4],
  [new InvalidParamError('C', 'm'), 4],
  [new InvalidInputError('m'), 4],
  [new ModelFormatError('m'), 4],
  [new InvalidArgumentError('LogisticRegression.fit', 'options.x', 'm'), 4],
  [new BundleFormatError('MLmodel', undefined, 'm'), 4],
  [new RegistryError('RESOURCE_DOES_NOT_EXIST', 'm'), 4],
  [new InvalidUriError('models:/x', 'm'), 4],
  [new UnsafePathError('../x', 'm'), 4],
  [new TrackingError('SERVER_UNREACHABLE', 'm'), 4],
  [new TrackingMissingPeerError('better-sqlite3', 'the SQLite store', 'm'), 4],
  [new ConfigError('INVALID_ROUTER_CONFIG', '$', 'm'), 4],
  [new PolicyLoadError('models:/x@a', 'm'), 4],
  [new RouterError('NOT_STARTED', 'm'), 1],
  [new RouterInputError('rows[0]', 'm'), 1],
  [new EvalError('UNDEFINED_METRIC', 'm'), 1],
  [new Error('plain'), 1],
];

describe('router-demo exit codes by error class', () => {
  it.each(cases.map(([e, code]) => [e.name, e, code] as const))('%s → its documented exit code', (_name, e, code) => {
    expect(exitCodeOf(e)).toBe(code);
  });

  it('recognises errors from a duplicate install by their markers', () => {
    expect(exitCodeOf(Object.assign(new Error('x'), { [Symbol.for('@abt/tracking/TrackingError')]: true }))).toBe(4);
    expect(exitCodeOf(Object.assign(new Error('x'), { [Symbol.for('@abt/router-demo/RouterDemoError')]: true, code: 'NO_ROWS' }))).toBe(3);
  });

  it('RouterDemoError passes cause to Error', () => {
    const cause = new Error('root');
    expect(new RouterDemoError('NO_ROWS', 'm', { cause }).cause).toBe(cause);
    expect('cause' in new RouterDemoError('NO_ROWS', 'm')).toBe(false);
  });
});
