import { messages } from '../messages';
import { ModelFormatError } from '../errors';
import type { SerializedModel } from '../model';
import { LOGISTIC_REGRESSION_PARAM_NAMES, withDefaults, type LogisticRegressionParams } from './params';

const msg = messages.linear;

export const LOGISTIC_REGRESSION_KIND = 'LogisticRegression';

/** The learned state, exactly what `toJSON().state` holds (format version 1). */
export type LogisticRegressionState = {
  readonly coef: Float64Array;
  readonly intercept: number;
  readonly nIter: number;
  readonly converged: boolean;
  readonly featureNames: readonly string[];
};

export function serialize(params: LogisticRegressionParams, s: LogisticRegressionState): SerializedModel {
  return {
    format: 'abt-model',
    formatVersion: 1,
    kind: LOGISTIC_REGRESSION_KIND,
    // JSON has no Infinity (JSON.stringify writes null): C = Infinity travels as the string 'Infinity'.
    params: { ...params, C: params.C === Infinity ? 'Infinity' : params.C, class_weight: copyWeight(params.class_weight) },
    featureNames: [...s.featureNames],
    // JSON numbers print as the shortest round-tripping decimal, so coef survives exactly.
    state: { coef: Array.from(s.coef), intercept: s.intercept, nIter: s.nIter, converged: s.converged },
  };
}

/** Parses and checks a serialized model; every failure names the offending path. */
export function deserialize(json: unknown): { params: LogisticRegressionParams; state: LogisticRegressionState } {
  const root = obj(json, '$');
  expect(root.format === 'abt-model', '$.format', "'abt-model'", root.format);
  expect(root.formatVersion === 1, '$.formatVersion', '1 (the only version this reader knows)', root.formatVersion);
  expect(root.kind === LOGISTIC_REGRESSION_KIND, '$.kind', `'${LOGISTIC_REGRESSION_KIND}'`, root.kind);
  const raw = { ...obj(root.params, '$.params') };
  for (const key of Object.keys(raw))
    expect(LOGISTIC_REGRESSION_PARAM_NAMES.includes(key as never), `$.params.${key}`, 'absent (not a LogisticRegression parameter)', raw[key]);
  if (raw.C === 'Infinity') raw.C = Infinity;
  // Files written before scikit-learn 1.8's parameters carry fewer keys: the missing ones take their defaults.
  const { params } = withDefaults(raw as Partial<LogisticRegressionParams>);
  const state = obj(root.state, '$.state');
  const coefRaw = state.coef;
  expect(Array.isArray(coefRaw), '$.state.coef', 'an array of numbers', coefRaw);
  const coef = Float64Array.from(coefRaw as unknown[], (v, j) => {
    expect(typeof v === 'number' && Number.isFinite(v), `$.state.coef[${j}]`, 'a finite number', v);
    return v as number;
  });
  expect(typeof state.intercept === 'number' && Number.isFinite(state.intercept), '$.state.intercept', 'a finite number', state.intercept);
  expect(Number.isInteger(state.nIter) && (state.nIter as number) >= 0, '$.state.nIter', 'an integer ≥ 0', state.nIter);
  expect(typeof state.converged === 'boolean', '$.state.converged', 'a boolean', state.converged);
  const names = root.featureNames;
  expect(
    Array.isArray(names) && names.length === coef.length && names.every((n) => typeof n === 'string'),
    '$.featureNames',
    `an array of ${coef.length} strings (one per coefficient)`,
    names,
  );
  return {
    params,
    state: {
      coef,
      intercept: state.intercept as number,
      nIter: state.nIter as number,
      converged: state.converged as boolean,
      featureNames: [...(names as string[])],
    },
  };
}

function copyWeight(cw: LogisticRegressionParams['class_weight']) {
  return cw !== null && typeof cw === 'object' ? { ...cw } : cw;
}

function obj(v: unknown, path: string): Record<string, unknown> {
  expect(typeof v === 'object' && v !== null && !Array.isArray(v), path, 'an object', v);
  return v as Record<string, unknown>;
}

function expect(ok: boolean, path: string, expected: string, got: unknown): asserts ok {
  if (!ok) throw new ModelFormatError(msg.format(path, expected, got));
}
