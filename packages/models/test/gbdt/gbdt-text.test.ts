import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { GBDT, ModelFormatError, ModelsError } from '../../src/index';
import { synthetic } from './helpers';

type Golden = {
  header: { reference: string };
  rows: (number | null)[][];
  cols: number;
  models: { name: string; modelText: string; expectedProba: number[]; expectedRaw: number[] }[];
};
const golden = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/gbdt/lightgbm-golden.json', import.meta.url)), 'utf8')) as Golden;
const goldenX = {
  rows: golden.rows.length,
  cols: golden.cols,
  data: Float64Array.from(golden.rows.flat(), (v) => (v === null ? Number.NaN : v)),
};

const { X, y } = synthetic(1500, 1, 0.1);
const fitted = new GBDT({ num_leaves: 8, num_iterations: 12, bagging_fraction: 0.8, bagging_freq: 1 }).fit(X, y, {
  featureNames: ['a', 'b', 'c', 'd', 'e'],
});
const text = fitted.toLightGBMText();

function formatError(t: string): ModelFormatError {
  try {
    GBDT.fromLightGBMText(t);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFormatError);
    expect(ModelsError.isInstance(e)).toBe(true);
    return e as ModelFormatError;
  }
  throw new Error('expected ModelFormatError');
}

describe('LightGBM text format', () => {
  test('golden fixtures header names the LightGBM version', () => {
    expect(golden.header.reference).toMatch(/^lightgbm \d+\.\d+/);
  });

  test.each(golden.models.map((m) => [m.name, m] as const))('LightGBM-trained model (%s) predicts like LightGBM to 1e-6', (_, m) => {
    const model = GBDT.fromLightGBMText(m.modelText);
    const p = model.predictProba(goldenX);
    const raw = model.predictRaw(goldenX);
    let maxP = 0;
    let maxR = 0;
    for (let i = 0; i < p.length; i++) {
      maxP = Math.max(maxP, Math.abs(p[i]! - m.expectedProba[i]!));
      maxR = Math.max(maxR, Math.abs(raw[i]! - m.expectedRaw[i]!));
    }
    expect(maxP).toBeLessThan(1e-6);
    expect(maxR).toBeLessThan(1e-6);
    expect(model.featureNames).toHaveLength(golden.cols);
  });

  test('golden models cover missing types None, Zero and NaN', () => {
    const types = new Set(
      golden.models.flatMap((m) => [...m.modelText.matchAll(/^decision_type=(.*)$/gm)].flatMap((x) => x[1]!.split(' ').map((t) => (Number(t) >> 2) & 3))),
    );
    expect([...types].sort()).toEqual([0, 1, 2]);
  });

  test('header, tree blocks and trailer follow LightGBM layout', () => {
    expect(text.startsWith('tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\nlabel_index=0\nmax_feature_idx=4\n')).toBe(true);
    expect(text).toMatch(/^objective=binary sigmoid:1$/m);
    expect(text).toMatch(/^feature_names=a b c d e$/m);
    expect(text).toMatch(/^feature_infos=(\[[^\]]+\] ?){5}$/m);
    expect(text).toMatch(/\nend of trees\n\nfeature_importances:\n/);
    expect(text).toMatch(/\nparameters:\n\[boosting: gbdt\]\n/);
    expect(text.endsWith('end of parameters\n\npandas_categorical:null\n')).toBe(true);
  });

  test('tree_sizes are exact byte counts of each Tree= block', () => {
    const sizes = /^tree_sizes=(.*)$/m.exec(text)![1]!.split(' ').map(Number);
    expect(sizes).toHaveLength(fitted.numTrees);
    const bytes = Buffer.from(text, 'utf8');
    let offset = bytes.indexOf('Tree=0');
    sizes.forEach((size, i) => {
      expect(bytes.subarray(offset, offset + 5 + String(i).length).toString()).toBe(`Tree=${i}`);
      offset += size;
    });
    expect(bytes.subarray(offset, offset + 12).toString()).toBe('end of trees');
  });

  test('text round trip: same predictions, same text', () => {
    const loaded = GBDT.fromLightGBMText(text);
    expect(Array.from(loaded.predictProba(X))).toEqual(Array.from(fitted.predictProba(X)));
    expect(loaded.toLightGBMText()).toBe(text);
    expect(loaded.getParams().num_leaves).toBe(8);
    expect(loaded.featureNames).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  test('toJSON / fromJSON round trip', () => {
    const json = JSON.parse(JSON.stringify(fitted.toJSON()));
    expect(json).toMatchObject({ format: 'abt-model', formatVersion: 1, kind: 'gbdt' });
    const back = GBDT.fromJSON(json);
    expect(Array.from(back.predictProba(X))).toEqual(Array.from(fitted.predictProba(X)));
    expect(back.getParams()).toEqual(fitted.getParams());
    expect(() => GBDT.fromJSON({ ...json, kind: 'logistic-regression' })).toThrow(ModelFormatError);
    expect(() => GBDT.fromJSON({ ...json, formatVersion: 2 })).toThrow(/formatVersion 2/);
  });

  test('fromJSON keeps feature names with spaces (the text format writes them with _), so JSON round-trips byte for byte', () => {
    const names = ['a b', 'c\td', 'e', 'f g h', 'i'];
    const model = new GBDT({ num_iterations: 3, num_leaves: 4, min_data_in_leaf: 5, verbosity: -1 }).fit(X, y, { featureNames: names });
    const json = JSON.stringify(model.toJSON());
    const back = GBDT.fromJSON(JSON.parse(json));
    expect(back.featureNames).toEqual(names);
    expect(JSON.stringify(back.toJSON())).toBe(json);
    expect(back.toLightGBMText()).toContain('feature_names=a_b c_d e f_g_h i');
  });

  describe('corrupt text names the line', () => {
    const lines = text.split('\n');
    const lineOf = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix)) + 1;

    test('empty / wrong first line', () => {
      expect(formatError('').line).toBe(1);
      expect(formatError('hello\nworld').message).toMatch(/line 1: first line must be 'tree'/);
    });

    test('truncated in the middle of the trees', () => {
      const cut = text.slice(0, text.indexOf('Tree=3'));
      expect(formatError(cut).message).toMatch(/truncated/);
      const cutMidTree = text.slice(0, text.indexOf('leaf_value=', text.indexOf('Tree=2')));
      expect(formatError(cutMidTree).message).toMatch(/missing 'leaf_value'|truncated/);
    });

    test('bad number in a tree', () => {
      const at = lineOf('threshold=');
      const bad = lines.map((l, i) => (i === at - 1 ? l.replace(/=[^ ]+/, '=abc') : l)).join('\n');
      const e = formatError(bad);
      expect(e.line).toBe(at);
      expect(e.message).toMatch(new RegExp(`line ${at}: threshold has a non-number 'abc'`));
    });

    test('wrong value count', () => {
      const at = lineOf('leaf_value=');
      const bad = lines.map((l, i) => (i === at - 1 ? `${l} 0.5` : l)).join('\n');
      expect(formatError(bad).line).toBe(at);
    });

    test('missing required header key', () => {
      const bad = lines.filter((l) => !l.startsWith('max_feature_idx=')).join('\n');
      expect(formatError(bad).message).toMatch(/missing 'max_feature_idx'/);
    });

    test('child index out of range', () => {
      const at = lineOf('left_child=');
      const bad = lines.map((l, i) => (i === at - 1 ? l.replace(/=-?\d+/, '=99') : l)).join('\n');
      expect(formatError(bad).message).toMatch(new RegExp(`line ${at}: left_child of node 0 is 99`));
    });

    test('categorical splits and non-binary objectives are rejected clearly', () => {
      const cat = lines.map((l) => (l.startsWith('num_cat=') ? 'num_cat=1' : l)).join('\n');
      expect(formatError(cat).message).toMatch(/categorical splits/);
      const reg = lines.map((l) => (l.startsWith('objective=') ? 'objective=regression' : l)).join('\n');
      expect(formatError(reg).message).toMatch(/objective 'regression' is not supported/);
    });

    test('split feature beyond max_feature_idx', () => {
      const at = lineOf('split_feature=');
      const bad = lines.map((l, i) => (i === at - 1 ? l.replace(/=\d+/, '=7') : l)).join('\n');
      expect(formatError(bad).message).toMatch(/split_feature 7 out of range/);
    });
  });
});
