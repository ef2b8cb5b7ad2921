import { EvalError } from './errors';
import { messages } from './messages';

/** Throws LENGTH_MISMATCH unless both inputs have the same length. */
export function checkSameLength(where: string, a: ArrayLike<unknown>, aName: string, b: ArrayLike<unknown>, bName: string): void {
  if (a.length !== b.length) throw new EvalError('LENGTH_MISMATCH', messages.lengthMismatch(where, aName, a.length, bName, b.length));
}

/** Throws INVALID_INPUT when empty or when any value is NaN / ±Infinity. */
export function checkFinite(where: string, values: ArrayLike<number>, name: string): void {
  if (values.length === 0) throw new EvalError('INVALID_INPUT', messages.empty(where, name));
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new EvalError('INVALID_INPUT', messages.notFinite(where, name, i, v));
  }
}

/** Throws INVALID_INPUT unless every label is 0 or 1; returns the number of positives. */
export function countPositives(where: string, labels: ArrayLike<number>): number {
  if (labels.length === 0) throw new EvalError('INVALID_INPUT', messages.empty(where, 'labels'));
  let pos = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (y === 1) pos++;
    else if (y !== 0) throw new EvalError('INVALID_INPUT', messages.notBinary(where, i, y));
  }
  return pos;
}

/** Throws INVALID_INPUT unless every value is a probability in [0, 1]. */
export function checkProbabilities(where: string, p: ArrayLike<number>): void {
  if (p.length === 0) throw new EvalError('INVALID_INPUT', messages.empty(where, 'probabilities'));
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (!(v >= 0 && v <= 1)) throw new EvalError('INVALID_INPUT', messages.probabilityOutOfRange(where, i, v));
  }
}

/** Validates a labels / scores pair and returns the positive count. */
export function checkBinaryInput(where: string, labels: ArrayLike<number>, scores: ArrayLike<number>, scoresName = 'scores'): number {
  checkSameLength(where, labels, 'labels', scores, scoresName);
  const pos = countPositives(where, labels);
  checkFinite(where, scores, scoresName);
  return pos;
}

/** Throws UNDEFINED_METRIC when only one class is present. */
export function requireBothClasses(where: string, n: number, pos: number): void {
  if (pos === 0 || pos === n) throw new EvalError('UNDEFINED_METRIC', messages.singleClass(where, n, pos === 0 ? 0 : 1));
}

export function checkIntOption(where: string, name: string, value: number, min: number, max = Infinity): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const allowed = max === Infinity ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
    throw new EvalError('INVALID_OPTION', messages.invalidOption(where, name, value, allowed));
  }
}

export function checkRangeOption(where: string, name: string, value: number, lo: number, hi: number, openLo = true, openHi = true): void {
  const ok = (openLo ? value > lo : value >= lo) && (openHi ? value < hi : value <= hi);
  if (!ok) {
    const allowed = `a number in ${openLo ? '(' : '['}${lo}, ${hi}${openHi ? ')' : ']'}`;
    throw new EvalError('INVALID_OPTION', messages.invalidOption(where, name, value, allowed));
  }
}
