import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  HistoryStoreError,
  InvalidArgumentError,
  InvalidInputError,
  LogFormatError,
  MissingPeerError,
  PolicyLoadError,
  RouterError,
} from './index';
import { HttpError } from './server/index';

// One instance of every error class; `isInstance` must agree with the prototype chain:
// a subclass is an instance of RouterError, siblings are not instances of each other.
const cause = new Error('root cause');
const errors = [
  new RouterError('NOT_STARTED', 'base', { cause }),
  new ConfigError('INVALID_EXPERIMENT', 'experiment.arms[0].weight', 'config', { cause }),
  new InvalidInputError('rows[0].userId', 'input', { cause }),
  new PolicyLoadError('models:/x@champion', 'load', { cause }),
  new HttpError('PAYLOAD_TOO_LARGE', 'http', { cause }),
  new InvalidArgumentError('fn', 'options.x', 'arg', { cause }),
  new MissingPeerError('redis', '@abt/router/redis', 'peer', { cause }),
  new HistoryStoreError('redis://127.0.0.1:6379', 'store', { cause }),
  new LogFormatError('file:3', 'time', 'log', { cause }),
];
const classes = [
  RouterError,
  ConfigError,
  InvalidInputError,
  PolicyLoadError,
  HttpError,
  InvalidArgumentError,
  MissingPeerError,
  HistoryStoreError,
  LogFormatError,
];

describe('@abt/router error classes', () => {
  it.each(classes.map((c) => [c.name, c] as const))('%s.isInstance matches the class hierarchy', (_name, cls) => {
    for (const e of errors) expect([e.name, cls.isInstance(e)]).toEqual([e.name, e instanceof cls]);
    expect(cls.isInstance(new Error('plain'))).toBe(false);
    expect(cls.isInstance(null)).toBe(false);
  });

  it.each(errors.map((e) => [e.name, e] as const))('%s carries its own Symbol.for marker, its cause and a code', (name, e) => {
    expect((e as unknown as Record<symbol, unknown>)[Symbol.for(`@abt/router/${name}`)]).toBe(true);
    expect(e.cause).toBe(cause);
    expect(typeof e.code).toBe('string');
    const foreign = Object.assign(new Error('x'), { [Symbol.for(`@abt/router/${name}`)]: true });
    expect(classes.find((c) => c.name === name)!.isInstance(foreign)).toBe(true);
  });

  it("the router's InvalidInputError is not @abt/models' class of the same name", () => {
    expect(InvalidInputError.isInstance(Object.assign(new Error('x'), { [Symbol.for('@abt/models/InvalidInputError')]: true }))).toBe(false);
  });

  it('HttpError keeps its wire code and status', () => {
    const e = new HttpError('PAYLOAD_TOO_LARGE', 'm');
    expect([e.code, e.errorCode, 'cause' in e]).toEqual(['HTTP_ERROR', 'PAYLOAD_TOO_LARGE', false]);
  });
});
