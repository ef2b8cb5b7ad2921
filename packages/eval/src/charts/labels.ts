import { checkArity } from '../check-args';
import { metrics } from '../metrics/metric';

/** Short names of the built-in metrics as people write them in a heading. */
const SHORT: Readonly<Record<string, string>> = { auc: 'ROC-AUC', pr_auc: 'PR-AUC', logloss: 'Log loss', brier: 'Brier', ece: 'ECE' };

/** A metric key as words: `pr_auc` → "PR-AUC"; an unknown key `hit_rate` → "hit rate". */
export function metricLabel(key: string): string {
  checkArity('metricLabel', arguments, ['key']);
  return SHORT[key] ?? (metrics as Readonly<Record<string, { label: string } | undefined>>)[key]?.label ?? key.replace(/_/g, ' ');
}
