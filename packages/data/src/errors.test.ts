import { describe, expect, it } from 'vitest';
import { DataError, DataFormatError, DatasetUnavailableError, InvalidOptionError, TablesFormatError } from './index';

// One instance of every error class; `isInstance` must agree with the prototype chain:
// a subclass is an instance of its base, siblings are not instances of each other.
const cause = new Error('root cause');
const errors = [
  new DataError('DATA_FORMAT', 'base', { cause }),
  new DataFormatError('field-count', 'u.data', 3, 'rating', 'format', { cause }),
  new DatasetUnavailableError('DOWNLOAD_FAILED', 'ml-100k', '/tmp/x.zip', undefined, 'unavailable', { cause }),
  new InvalidOptionError('seed', 'option', { cause }),
  new TablesFormatError('/tmp/tables.json', 'tables', { cause }),
];
const classes = [DataError, DataFormatError, DatasetUnavailableError, InvalidOptionError, TablesFormatError];

describe('@abt/data error classes', () => {
  it.each(classes.map((c) => [c.name, c] as const))('%s.isInstance matches the class hierarchy', (_name, cls) => {
    for (const e of errors) expect([e.name, cls.isInstance(e)]).toEqual([e.name, e instanceof cls]);
    expect(cls.isInstance(new Error('plain'))).toBe(false);
    expect(cls.isInstance(null)).toBe(false);
  });

  it.each(errors.map((e) => [e.name, e] as const))('%s carries its own Symbol.for marker, its cause and a code', (name, e) => {
    expect((e as unknown as Record<symbol, unknown>)[Symbol.for(`@abt/data/${name}`)]).toBe(true);
    expect(e.cause).toBe(cause);
    expect(typeof e.code).toBe('string');
    // A copy from a duplicate install is recognised by the marker alone.
    const foreign = Object.assign(new Error('x'), { [Symbol.for(`@abt/data/${name}`)]: true });
    expect(classes.find((c) => c.name === name)!.isInstance(foreign)).toBe(true);
  });

  it('passes no cause when none is given', () => {
    expect('cause' in new InvalidOptionError('seed', 'm')).toBe(false);
  });
});
