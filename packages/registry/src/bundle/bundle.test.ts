import { PATH_PROBLEMS } from '@abt/tracking/mlflow';
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  BundleFormatError,
  DEFAULT_LGB_VERSION,
  MLFLOW_COMPAT_VERSION,
  RegistryError,
  formatUtcTimeCreated,
  parseMlmodel,
  readBundle,
  readBundleFile,
  requireAbtFlavor,
  requireLightgbmFlavor,
  saveBundle,
  stringifyMlmodel,
  type SaveBundleOptions,
} from '../index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'abt-bundle-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fixedClock = () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
const base = (): SaveBundleOptions => ({
  files: { 'model.lgb': 'tree\nversion=v4\n', 'feature-spec.json': '{"format_version":1}' },
  abt: { modelClass: 'GBDT', data: 'model.lgb', featureSpec: 'feature-spec.json' },
  lightgbm: { pythonVersion: '3.11.7' },
  signature: {
    inputs: [
      { type: 'long', name: 'userId' },
      { type: 'long', name: 'movieId' },
      { type: 'double', name: 'genre_Drama', required: false },
    ],
    outputs: [{ type: 'double', name: 'score' }],
  },
  inputExample: {
    columns: ['userId', 'movieId', 'genre_Drama'],
    data: [
      [1, 2, 0.5],
      [3, 4, 1],
    ],
  },
  runId: '0123456789abcdef0123456789abcdef',
  artifactPath: 'model',
  modelId: 'm-0123456789abcdef0123456789abcdef',
  clock: fixedClock,
  uuid: () => 'feedfacefeedfacefeedfacefeedface',
});

describe('saveBundle', () => {
  it('writes MLmodel with MLflow field names, sorted keys and JSON-string signature', async () => {
    const out = path.join(dir, 'b');
    await saveBundle(out, base());
    const text = await readFile(path.join(out, 'MLmodel'), 'utf8');
    const topKeys = text
      .split('\n')
      .filter((l) => /^[a-z_]+:/.test(l))
      .map((l) => l.split(':')[0]);
    expect(topKeys).toEqual([...topKeys].sort());
    const doc = parse(text);
    expect(doc.utc_time_created).toBe('2026-01-02 03:04:05.678000');
    expect(text).toContain('utc_time_created: "2026-01-02 03:04:05.678000"');
    expect(doc.model_uuid).toBe('feedfacefeedfacefeedfacefeedface');
    expect(doc.model_id).toBe('m-0123456789abcdef0123456789abcdef');
    expect(doc.run_id).toBe('0123456789abcdef0123456789abcdef');
    expect(doc.artifact_path).toBe('model');
    expect(doc.signature.inputs).toBe(
      '[{"type": "long", "name": "userId", "required": true}, {"type": "long", "name": "movieId", "required": true}, {"type": "double", "name": "genre_Drama", "required": false}]',
    );
    expect(doc.signature.outputs).toBe('[{"type": "double", "name": "score", "required": true}]');
    expect(doc.saved_input_example_info).toEqual({
      artifact_path: 'input_example.json',
      pandas_orient: 'split',
      serving_input_path: 'serving_input_example.json',
      type: 'dataframe',
    });
    expect(doc.flavors.abt).toEqual({ format_version: 1, model_class: 'GBDT', data: 'model.lgb', feature_spec: 'feature-spec.json' });
    expect(doc.flavors.lightgbm).toEqual({ code: null, data: 'model.lgb', lgb_version: DEFAULT_LGB_VERSION, model_class: 'lightgbm.basic.Booster' });
    expect(doc.flavors.python_function).toEqual({
      data: 'model.lgb',
      env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' },
      loader_module: 'mlflow.lightgbm',
      python_version: '3.11.7',
    });
    expect(await readFile(path.join(out, 'input_example.json'), 'utf8')).toBe(
      '{"columns": ["userId", "movieId", "genre_Drama"], "data": [[1, 2, 0.5], [3, 4, 1]]}',
    );
    expect(await readFile(path.join(out, 'requirements.txt'), 'utf8')).toBe(`mlflow==${MLFLOW_COMPAT_VERSION}\nlightgbm==${DEFAULT_LGB_VERSION}`);
    const { readdir, stat } = await import('node:fs/promises');
    let size = 0;
    for (const f of await readdir(out)) if (f !== 'MLmodel') size += (await stat(path.join(out, f))).size;
    expect(doc.model_size_bytes).toBe(size);
  });

  it('writes a given lgbVersion into the flavor and every environment file instead of the default', async () => {
    const out = path.join(dir, 'b');
    await saveBundle(out, { ...base(), lightgbm: { lgbVersion: '4.5.0' } });
    expect(parse(await readFile(path.join(out, 'MLmodel'), 'utf8')).flavors.lightgbm.lgb_version).toBe('4.5.0');
    for (const f of ['requirements.txt', 'conda.yaml']) {
      const text = await readFile(path.join(out, f), 'utf8');
      expect(text).toContain('lightgbm==4.5.0');
      expect(text).not.toContain(`lightgbm==${DEFAULT_LGB_VERSION}`);
    }
  });

  it('is byte-identical for identical inputs (injected clock and uuid)', async () => {
    await saveBundle(path.join(dir, 'a'), base());
    await saveBundle(path.join(dir, 'b'), base());
    expect(await readFile(path.join(dir, 'a', 'MLmodel'), 'utf8')).toBe(await readFile(path.join(dir, 'b', 'MLmodel'), 'utf8'));
  });

  it('round-trips through readBundle', async () => {
    const saved = await saveBundle(path.join(dir, 'b'), base());
    const bundle = await readBundle(saved.dir);
    expect(bundle.mlmodel.flavors.abt?.model_class).toBe('GBDT');
    expect(requireLightgbmFlavor(bundle).data).toBe('model.lgb');
    expect(bundle.signature?.inputs[2]).toEqual({ type: 'double', name: 'genre_Drama', required: false });
    expect(bundle.inputExample).toEqual({
      columns: ['userId', 'movieId', 'genre_Drama'],
      data: [
        [1, 2, 0.5],
        [3, 4, 1],
      ],
    });
    expect((await readBundleFile(bundle, 'model.lgb')).toString()).toContain('version=v4');
  });

  it('writes an abt-only bundle without Python flavors or env files', async () => {
    const saved = await saveBundle(path.join(dir, 'b'), {
      files: { 'model.json': '{}' },
      abt: { modelClass: 'LogisticRegression', data: 'model.json' },
      clock: fixedClock,
    });
    const bundle = await readBundle(saved.dir);
    expect(Object.keys(bundle.mlmodel.flavors)).toEqual(['abt']);
    expect(bundle.mlmodel.model_id).toBeNull();
    expect(bundle.mlmodel.model_uuid).toMatch(/^[0-9a-f]{32}$/);
    expect(() => requireLightgbmFlavor(bundle)).toThrow(/flavor 'lightgbm' not found \(flavors: abt\)/);
    await expect(readFile(path.join(saved.dir, 'requirements.txt'))).rejects.toThrow();
  });

  it('refuses a flavor pointing at a missing file, unsafe file names and a non-empty target', async () => {
    await expect(saveBundle(path.join(dir, 'x'), { ...base(), files: { 'feature-spec.json': '{}' } })).rejects.toThrow(/abt.data.*model.lgb/);
    await expect(saveBundle(path.join(dir, 'y'), { ...base(), files: { ...base().files, '../evil': 'x' } })).rejects.toThrow(PATH_PROBLEMS.dotDot());
    await saveBundle(path.join(dir, 'z'), base());
    const err = await saveBundle(path.join(dir, 'z'), base()).catch((e) => e);
    expect(RegistryError.isInstance(err) && err.code).toBe('RESOURCE_ALREADY_EXISTS');
  });
});

describe('readBundle validation', () => {
  async function withMlmodel(mutate: (doc: Record<string, any>) => void): Promise<unknown> {
    const saved = await saveBundle(path.join(dir, `m${Math.random().toString(36).slice(2)}`), base());
    const file = path.join(saved.dir, 'MLmodel');
    const doc = parse(await readFile(file, 'utf8'));
    mutate(doc);
    await writeFile(file, stringifyMlmodel(doc));
    return readBundle(saved.dir).catch((e) => e);
  }

  it('rejects a missing MLmodel, naming the file', async () => {
    const err = await readBundle(dir).catch((e) => e);
    expect(BundleFormatError.isInstance(err)).toBe(true);
    expect(err.file).toBe(path.join(dir, 'MLmodel'));
  });

  it('rejects an unknown abt format_version, naming file and field', async () => {
    const err = (await withMlmodel((d) => (d.flavors.abt.format_version = 99))) as BundleFormatError;
    expect(BundleFormatError.isInstance(err)).toBe(true);
    expect(err.field).toBe('flavors.abt.format_version');
    expect(err.message).toMatch(/MLmodel: field 'flavors.abt.format_version' has unknown value 99/);
  });

  it.each([
    ['flavors.lightgbm.model_class', (d: any) => (d.flavors.lightgbm.model_class = 'lightgbm.sklearn.LGBMClassifier')],
    ['flavors.abt.data', (d: any) => (d.flavors.abt.data = '../../etc/passwd')],
    ['flavors.lightgbm.data', (d: any) => (d.flavors.lightgbm.data = 'missing.lgb')],
    ['utc_time_created', (d: any) => (d.utc_time_created = 'yesterday')],
    ['signature.inputs[0].type', (d: any) => (d.signature.inputs = '[{"type": "complex128", "name": "x"}]')],
    ['signature.inputs', (d: any) => (d.signature.inputs = '[not json')],
    ['saved_input_example_info.pandas_orient', (d: any) => (d.saved_input_example_info.pandas_orient = 'columns')],
    ['flavors', (d: any) => (d.flavors = {})],
  ])('rejects a bad %s', async (field, mutate) => {
    const err = (await withMlmodel(mutate)) as BundleFormatError;
    expect(BundleFormatError.isInstance(err)).toBe(true);
    expect(err.field).toBe(field);
  });

  it('rejects YAML that is not a mapping and keeps unknown flavors', () => {
    expect(() => parseMlmodel('- a\n- b\n')).toThrow(/must be a YAML mapping/);
    expect(() => parseMlmodel('a: [\n')).toThrow(BundleFormatError);
    const m = parseMlmodel('flavors:\n  sklearn:\n    x: 1\nutc_time_created: "2026-01-01 00:00:00.000000"\n');
    expect(m.flavors.sklearn).toEqual({ x: 1 });
    expect(m.model_uuid).toBeNull();
  });

  it('reads an MLmodel written by Python MLflow 3.17.2 (golden fixture)', async () => {
    const text = await readFile(path.join(import.meta.dirname, '../../test/fixtures/mlflow-lightgbm-MLmodel.yaml'), 'utf8');
    const m = parseMlmodel(text);
    expect(m.flavors.lightgbm?.model_class).toBe('lightgbm.basic.Booster');
    expect(m.flavors.python_function?.loader_module).toBe('mlflow.lightgbm');
    expect(m.utc_time_created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
  });

  it('requireAbtFlavor names the flavors present', async () => {
    const saved = await saveBundle(path.join(dir, 'b'), { files: { 'model.lgb': 'x' }, lightgbm: {} });
    expect(() =>
      requireAbtFlavor({ dir: saved.dir, mlmodel: parseMlmodel('flavors:\n  lightgbm:\n    data: model.lgb\nutc_time_created: "2026-01-01 00:00:00"\n') }),
    ).toThrow(/flavor 'abt' not found \(flavors: lightgbm\)/);
  });
});

describe('formatUtcTimeCreated', () => {
  it('matches Python str(datetime) with microseconds', () => {
    expect(formatUtcTimeCreated(new Date(Date.UTC(2026, 10, 26, 8, 47, 49, 418)))).toBe('2026-11-26 08:47:49.418000');
  });
});

describe('MLmodel round trip of a Python-written bundle', () => {
  it('keeps every field MLflow wrote (skops keys, env, prompts, model_size_bytes)', async () => {
    const text = await readFile(path.join(import.meta.dirname, '../../test/fixtures/mlflow-lightgbm-MLmodel.yaml'), 'utf8');
    const original = parse(text);
    const again = parse(stringifyMlmodel(parseMlmodel(text)));
    expect(again).toEqual(original);
  });
});
