import { checkArity, checkKeys, keysOf } from '../check-args';
export type Winner = 'A' | 'B' | null;

export interface VerdictInput {
  /** B − A. */
  readonly diff: number;
  /** CI of B − A at 1 − α. */
  readonly ciLow: number;
  readonly ciHigh: number;
  /** True when a larger metric value is better. */
  readonly higherIsBetter: boolean;
  /** Significance level the CI was built at; only used in the text. Default 0.05. */
  readonly alpha?: number;
}
const VERDICT_INPUT_KEYS = keysOf<VerdictInput>({ diff: true, ciLow: true, ciHigh: true, higherIsBetter: true, alpha: true });

export interface Verdict {
  readonly winner: Winner;
  /** "B better", "A better" or "no significant difference at α = 0.05". */
  readonly text: string;
}

/**
 * A verdict from the CI of B − A: a side wins only when the CI excludes 0; the metric's direction
 * decides which side a positive difference favours.
 */
export function verdict(input: VerdictInput): Verdict {
  checkArity('verdict', arguments, ['input']);
  checkKeys('verdict', 'input', input, VERDICT_INPUT_KEYS);
  const { ciLow, ciHigh, higherIsBetter, alpha = 0.05 } = input;
  let winner: Winner = null;
  if (ciLow > 0) winner = higherIsBetter ? 'B' : 'A';
  else if (ciHigh < 0) winner = higherIsBetter ? 'A' : 'B';
  return { winner, text: winner ? `${winner} better` : `no significant difference at α = ${alpha}` };
}
