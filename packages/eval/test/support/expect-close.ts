import { expect } from 'vitest';

/** Every number in `b` equals the one at the same path in `a` to `tol` (relative above 1, absolute below); other values equal. */
export function expectClose(a: unknown, b: unknown, tol: number, path = 'value'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || !Number.isFinite(a)) return void expect(b, path).toBe(a);
    expect(Math.abs(a - b) / Math.max(1, Math.abs(a)), `${path}: ${a} vs ${b}`).toBeLessThanOrEqual(tol);
    return;
  }
  if (ArrayBuffer.isView(a)) return;
  if (a && typeof a === 'object') {
    expect(b && typeof b === 'object', `${path} is an object`).toBeTruthy();
    expect(Object.keys(b as object).sort(), path).toEqual(Object.keys(a).sort());
    for (const k of Object.keys(a)) expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tol, `${path}.${k}`);
    return;
  }
  expect(b, path).toEqual(a);
}
