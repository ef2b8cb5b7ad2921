import { messages } from '../messages';

const msg = messages.linear;

/**
 * The warnings scikit-learn 1.9's `LogisticRegression.fit` gives about its parameters, one code each
 * (the interop suite maps sklearn's own warnings to these codes and compares).
 */
export type LogisticWarningCode =
  | 'penalty-deprecated'
  | 'l1-ratio-none-deprecated'
  | 'l1-ratio-unused'
  | 'penalty-l1-ratio-inconsistent'
  | 'penalty-none-ignores-c'
  | 'n-jobs-deprecated';

export type LogisticWarning = {
  readonly code: LogisticWarningCode;
  /** sklearn's category: FutureWarning for what sklearn 1.10 removes, UserWarning otherwise. */
  readonly category: 'FutureWarning' | 'UserWarning';
  readonly message: string;
};

const CATEGORY: Readonly<Record<LogisticWarningCode, LogisticWarning['category']>> = {
  'penalty-deprecated': 'FutureWarning',
  'l1-ratio-none-deprecated': 'FutureWarning',
  'l1-ratio-unused': 'UserWarning',
  'penalty-l1-ratio-inconsistent': 'UserWarning',
  'penalty-none-ignores-c': 'UserWarning',
  'n-jobs-deprecated': 'FutureWarning',
};

/** Builds a warning; the message comes from `msg.warning`. */
export function logisticWarning(code: LogisticWarningCode, detail: Record<string, unknown> = {}): LogisticWarning {
  return { code, category: CATEGORY[code], message: msg.warning(code, detail) };
}

/**
 * Emits through Node's `process.emitWarning` (so `--no-warnings` and `process.on('warning')` work, code
 * `ABT_LOGISTIC_<CODE>`), or `console.warn` where there is no `process` (browsers).
 */
export function emitWarning(w: LogisticWarning): void {
  const proc = (globalThis as { process?: { emitWarning?: (m: string, o: { type: string; code: string }) => void } }).process;
  const code = `ABT_LOGISTIC_${w.code.toUpperCase().replaceAll('-', '_')}`;
  if (typeof proc?.emitWarning === 'function') proc.emitWarning(w.message, { type: w.category, code });
  else console.warn(`${w.category}: ${w.message}`);
}
