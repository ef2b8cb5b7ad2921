/**
 * The model file's `parameters:` block as LightGBM writes it (`Config::ToString`): boosting,
 * objective, metric, tree_learner and device_type, then every saved parameter in the table's
 * (LightGBM's) order, each `[name: value]` formatted as C++ streams do (`%g` for doubles, 0/1 for
 * booleans, lists joined by commas with 17 digits).
 */
import { formatG, g6 } from '../lightgbm-text/format-number';
import { GBDT_PARAMS, type EffectiveParams, type GBDTParamName, type GBDTParamSpec } from './table';

const table = GBDT_PARAMS as unknown as Record<GBDTParamName, GBDTParamSpec>;
const HEAD = ['boosting', 'objective', 'metric', 'tree_learner', 'device_type'] as const;

function format(s: GBDTParamSpec, v: unknown): string {
  switch (s.type) {
    case 'int':
    case 'string':
      return String(v);
    case 'double':
      return g6(v as number);
    case 'bool':
      return v ? '1' : '0';
    case 'ints':
    case 'strings':
      return (v as readonly unknown[]).join(',');
    case 'doubles':
      return (v as readonly number[]).map((x) => formatG(x, 17)).join(',');
  }
}

/** `[name: value]` lines of the effective parameters (see `effectiveParams`). */
export function parameterLines(effective: EffectiveParams): string[] {
  const line = (n: GBDTParamName) => `[${n}: ${format(table[n], (effective as Record<string, unknown>)[n])}]`;
  return [...HEAD.map(line), ...(Object.keys(table) as GBDTParamName[]).filter((n) => table[n].saved).map(line)];
}
