import { describe, expect, it } from 'vitest';
import { EvalError } from './index';

// @abt/eval has one error class: its isInstance recognises it by its own marker (duplicate installs
// included) and nothing else, not even another package's error of the same shape.
describe('@abt/eval error class', () => {
  const cause = new Error('root cause');

  it('recognises its own instances and copies from a duplicate install, nothing else', () => {
    expect(EvalError.isInstance(new EvalError('INVALID_INPUT', 'm'))).toBe(true);
    expect(EvalError.isInstance(Object.assign(new Error('x'), { [Symbol.for('@abt/eval/EvalError')]: true }))).toBe(true);
    for (const other of [
      new Error('plain'),
      { code: 'INVALID_INPUT', message: 'm' },
      Object.assign(new Error('x'), { [Symbol.for('@abt/data/DataError')]: true }),
      null,
      'EvalError',
    ]) {
      expect(EvalError.isInstance(other)).toBe(false);
    }
  });

  it('passes cause to Error and has a code', () => {
    const e = new EvalError('RENDER_FAILED', 'm', { cause });
    expect(e.cause).toBe(cause);
    expect(e.code).toBe('RENDER_FAILED');
    expect('cause' in new EvalError('RENDER_FAILED', 'm')).toBe(false);
  });
});
