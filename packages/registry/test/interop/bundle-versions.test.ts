import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LGB_VERSION, DEFAULT_PYTHON_VERSION, MLFLOW_COMPAT_VERSION, saveBundle } from '../../src/index.js';
import { py } from './python.js';

// The versions a bundle pins come from one place (save-bundle.ts). These tests tie that place to
// the venv every parity test runs in, and to scripts/interop-requirements.txt, so none can drift;
// then the real MLflow loads a default bundle and must not warn about its dependencies.
const suite = process.env.ABT_PYTHON ? describe : describe.skip;
const requirementsFile = path.resolve(import.meta.dirname, '../../../../scripts/interop-requirements.txt');

interface LoadWarnings {
  log_warnings: string[];
  warnings: string[];
  pyfunc_preds: number[];
  booster_preds: number[];
}

/** What MLflow says about a model's environment: its dependency and Python-version checks. */
const aboutVersions = (lines: readonly string[]) => lines.filter((l) => /mismatch|version of Python|lightgbm==|dependenc/i.test(l));

suite('bundle versions = the verified ones', () => {
  let dir: string;
  let data: { X: number[][]; preds: number[]; lgb_version: string };
  let modelText: string;
  let installed: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'abt-bundle-versions-'));
    py(['train', path.join(dir, 'train')]);
    data = JSON.parse(await readFile(path.join(dir, 'train', 'data.json'), 'utf8'));
    modelText = await readFile(path.join(dir, 'train', 'model.lgb'), 'utf8');
    installed = py(['versions']);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const bundle = (name: string, lightgbm: { lgbVersion?: string }) =>
    saveBundle(path.join(dir, name), {
      files: { 'model.lgb': modelText },
      lightgbm,
      signature: { inputs: [0, 1, 2, 3].map((i) => ({ type: 'double' as const, name: `Column_${i}` })), outputs: [{ type: 'double', name: 'score' }] },
    });

  it('DEFAULT_LGB_VERSION / MLFLOW_COMPAT_VERSION / DEFAULT_PYTHON_VERSION equal what the venv runs', () => {
    expect(DEFAULT_LGB_VERSION).toBe(installed.lightgbm);
    expect(MLFLOW_COMPAT_VERSION).toBe(installed.mlflow);
    expect(installed.python!.split('.').slice(0, 2).join('.')).toBe(DEFAULT_PYTHON_VERSION);
  });

  it('scripts/interop-requirements.txt pins every package exactly, at the installed version and the bundle defaults', async () => {
    const pins = Object.fromEntries(
      (await readFile(requirementsFile, 'utf8'))
        .split('\n')
        .map((l) => l.replace(/#.*/, '').trim())
        .filter(Boolean)
        .map((l) => {
          const m = /^([A-Za-z0-9_.-]+)==([^\s;]+)$/.exec(l);
          expect(m, `${l}: every reference package is pinned with ==`).not.toBeNull();
          return [m![1]!.toLowerCase(), m![2]!];
        }),
    );
    expect(pins.lightgbm).toBe(DEFAULT_LGB_VERSION);
    expect(pins.mlflow).toBe(MLFLOW_COMPAT_VERSION);
    expect(pins['scikit-learn']).toBe('1.9.1');
    for (const [name, version] of Object.entries(pins)) if (name in installed) expect(installed[name], name).toBe(version);
  });

  it('MLflow loads a bundle with the default versions without a dependency or Python-version warning', async () => {
    const saved = await bundle('default', {});
    expect(await readFile(path.join(saved.dir, 'requirements.txt'), 'utf8')).toContain(`lightgbm==${DEFAULT_LGB_VERSION}`);
    const out = py<LoadWarnings>(['load-warnings', saved.dir, path.join(dir, 'train', 'data.json')]);
    expect(aboutVersions([...out.log_warnings, ...out.warnings])).toEqual([]);
    expect(out.log_warnings).toEqual([]);
    for (const preds of [out.pyfunc_preds, out.booster_preds]) {
      expect(preds).toHaveLength(data.X.length);
      preds.forEach((p, i) => expect(Math.abs(p - data.preds[i]!)).toBeLessThan(1e-12));
    }
  });

  it('the check can fail: a bundle pinning lightgbm 4.6.0 (the old default) makes MLflow warn', async () => {
    const saved = await bundle('old', { lgbVersion: '4.6.0' });
    const out = py<LoadWarnings>(['load-warnings', saved.dir, path.join(dir, 'train', 'data.json')]);
    const about = aboutVersions([...out.log_warnings, ...out.warnings]);
    expect(about.length).toBeGreaterThan(0);
    expect(about.join('\n')).toMatch(/lightgbm==4\.6\.0/);
  });
});
