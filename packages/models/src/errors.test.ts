import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, InvalidInputError, InvalidParamError, ModelFormatError, ModelsError, NotFittedError } from './index';

// One instance of every error class; `isInstance` must agree with the prototype chain:
// a subclass is an instance of ModelsError, siblings are not instances of each other.
const cause = new Error('root cause');
const errors = [
  new ModelsError('INVALID_INPUT', 'base', { cause }),
  new NotFittedError('not fitted', { cause }),
  new InvalidParamError('max_iter', 'param', { cause }),
  new InvalidInputError('input', { cause }),
  new ModelFormatError('format', 3, { cause }),
  new InvalidArgumentError('LogisticRegression.fit', 'options.x', 'argument', { cause }),
];
const classes = [ModelsError, NotFittedError, InvalidParamError, InvalidInputError, ModelFormatError, InvalidArgumentError];

describe('@abt/models error classes', () => {
  it.each(classes.map((c) => [c.name, c] as const))('%s.isInstance matches the class hierarchy', (_name, cls) => {
    for (const e of errors) expect([e.name, cls.isInstance(e)]).toEqual([e.name, e instanceof cls]);
    expect(cls.isInstance(new Error('plain'))).toBe(false);
    expect(cls.isInstance(null)).toBe(false);
  });

  it('NotFittedError is not an InvalidParamError (the bug of the shared marker)', () => {
    expect(NotFittedError.isInstance(new InvalidParamError('C', 'm'))).toBe(false);
    expect(ModelsError.isInstance(new InvalidParamError('C', 'm'))).toBe(true);
  });

  it.each(errors.map((e) => [e.name, e] as const))('%s carries its own Symbol.for marker, its cause and a code', (name, e) => {
    expect((e as unknown as Record<symbol, unknown>)[Symbol.for(`@abt/models/${name}`)]).toBe(true);
    expect(e.cause).toBe(cause);
    expect(typeof e.code).toBe('string');
    const foreign = Object.assign(new Error('x'), { [Symbol.for(`@abt/models/${name}`)]: true });
    expect(classes.find((c) => c.name === name)!.isInstance(foreign)).toBe(true);
  });

  it('passes no cause when none is given', () => {
    expect('cause' in new ModelFormatError('m')).toBe(false);
  });
});
