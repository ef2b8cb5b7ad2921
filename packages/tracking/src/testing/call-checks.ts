import assert from 'node:assert/strict';
import { checkCall } from '../arguments';
import type { CallSpec } from '../mlflow/check-args';

/** What the refusal of a call carries (both packages' InvalidOptionError). */
export interface InvalidOptionLike {
  message: string;
  fn: string;
  key: string | undefined;
  position: number | undefined;
}

/** Runs `call` and returns the invalid-option error it fails with (anything else fails the test). */
export async function invalidOptionFrom<E extends InvalidOptionLike>(call: () => unknown, isInstance: (e: unknown) => e is E): Promise<E> {
  checkCall('invalidOptionFrom', arguments, 2);
  try {
    await call();
  } catch (err) {
    assert.ok(isInstance(err), `expected an invalid-option error, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an invalid-option error, got success');
}

/**
 * BRIEF contract 2 for a whole interface: every method in `calls` is called with one surplus
 * argument, then with `{ bogusOption: 1 }` in each option position; each call must be refused
 * before it does anything (placeholder arguments are never used).
 */
export async function assertCallsChecked<E extends InvalidOptionLike>(
  target: object,
  calls: Readonly<Record<string, CallSpec>>,
  isInstance: (e: unknown) => e is E,
): Promise<void> {
  checkCall('assertCallsChecked', arguments, 3);
  const method = (name: string) => (target as Record<string, (...a: unknown[]) => unknown>)[name]!.bind(target);
  for (const [name, spec] of Object.entries(calls)) {
    const placeholders = (): unknown[] => Array.from({ length: spec.max }, () => 'x');
    const surplus = await invalidOptionFrom(() => method(name)(...placeholders(), 'surplus'), isInstance);
    assert.equal(surplus.position, spec.max + 1, `${name}: ${surplus.message}`);
    for (const index of Object.keys(spec.options ?? {})) {
      const args = placeholders();
      args[Number(index)] = { bogusOption: 1 };
      const unknown = await invalidOptionFrom(() => method(name)(...args), isInstance);
      assert.equal(unknown.key, 'bogusOption', `${name}: ${unknown.message}`);
    }
  }
}
