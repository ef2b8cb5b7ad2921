import { describe, expect, it } from 'vitest';
import { FeaturesError } from './index';

// @abt/features has one error class: its isInstance recognises it by its own marker (duplicate
// installs included) and nothing else, not even another package's error of the same shape.
describe('@abt/features error class', () => {
  it('recognises its own instances and copies from a duplicate install, nothing else', () => {
    expect(FeaturesError.isInstance(new FeaturesError('INVALID_INPUT', 'm'))).toBe(true);
    expect(FeaturesError.isInstance(Object.assign(new Error('x'), { [Symbol.for('@abt/features/FeaturesError')]: true }))).toBe(true);
    for (const other of [
      new Error('plain'),
      { code: 'INVALID_INPUT', where: 'x' },
      Object.assign(new Error('x'), { [Symbol.for('@abt/data/DataError')]: true }),
      null,
    ]) {
      expect(FeaturesError.isInstance(other)).toBe(false);
    }
  });

  it('takes cause as the optional last argument and keeps code and where', () => {
    const cause = new Error('root cause');
    const e = new FeaturesError('INVALID_FORMAT', 'm', 'options.k', { cause });
    expect([e.code, e.where, e.cause]).toEqual(['INVALID_FORMAT', 'options.k', cause]);
    expect('cause' in new FeaturesError('INVALID_FORMAT', 'm')).toBe(false);
  });
});
