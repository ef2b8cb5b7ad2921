import { describe, expect, it } from 'vitest';
import { BundleFormatError, InvalidOptionError, InvalidUriError, RegistryError, UnsafePathError } from './index.js';

// One instance of every error class; `isInstance` must agree with the prototype chain:
// a subclass is an instance of RegistryError, siblings are not instances of each other.
const cause = new Error('root cause');
const errors = [
  new RegistryError('RESOURCE_DOES_NOT_EXIST', 'base', { cause }),
  new BundleFormatError('MLmodel', 'flavors', 'bundle', { cause }),
  new InvalidUriError('models:/x', 'uri', { cause }),
  new UnsafePathError('../x', 'path', { cause }),
  new InvalidOptionError('saveBundle', { kind: 'option', key: 'featurespec', where: 'options.abt' }, 'option', { cause }),
];
const classes = [RegistryError, BundleFormatError, InvalidUriError, UnsafePathError, InvalidOptionError];

describe('@abt/registry error classes', () => {
  it.each(classes.map((c) => [c.name, c] as const))('%s.isInstance matches the class hierarchy', (_name, cls) => {
    for (const e of errors) expect([e.name, cls.isInstance(e)]).toEqual([e.name, e instanceof cls]);
    expect(cls.isInstance(new Error('plain'))).toBe(false);
    expect(cls.isInstance(null)).toBe(false);
  });

  it('BundleFormatError is not an InvalidUriError (the bug of the shared marker)', () => {
    expect(BundleFormatError.isInstance(new InvalidUriError('models:/x', 'm'))).toBe(false);
  });

  it.each(errors.map((e) => [e.name, e] as const))('%s carries its own Symbol.for marker, its cause and a code', (name, e) => {
    expect((e as unknown as Record<symbol, unknown>)[Symbol.for(`@abt/registry/${name}`)]).toBe(true);
    expect(e.cause).toBe(cause);
    expect(typeof e.code).toBe('string');
    const foreign = Object.assign(new Error('x'), { [Symbol.for(`@abt/registry/${name}`)]: true });
    expect(classes.find((c) => c.name === name)!.isInstance(foreign)).toBe(true);
  });

  it('passes no cause when none is given', () => {
    expect('cause' in new InvalidUriError('models:/x', 'm')).toBe(false);
    expect('cause' in new RegistryError('INTERNAL_ERROR', 'm')).toBe(false);
  });
});
