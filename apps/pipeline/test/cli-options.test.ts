import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, parsePlan } from '../src/cli';
import { PipelineError } from '../src/errors';
import { messages } from '../src/messages';
import { OPTION_GROUPS, OPTION_TABLE } from '../src/options';
import { tempDir } from './helpers';

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(PipelineError.isInstance(e) && e.kind).toBe('usage');
    return (e as Error).message;
  }
  throw new Error('expected a usage error');
}

function configFile(name: string, text: string): string {
  const file = path.join(tempDir('config'), name);
  writeFileSync(file, text);
  return file;
}

describe('pipeline options', () => {
  it('applies defaults < config file < flags', () => {
    const file = configFile('abt.config.json', JSON.stringify({ seed: 7, experiment: 'from-config', out: 'results' }));
    const o = parseArgs(['--config', file, '--seed', '9', '--steps', 'prepare,train']);
    expect(o.seed).toBe(9);
    expect(o.experiment).toBe('from-config');
    expect(o.out).toBe(path.join(path.dirname(file), 'results'));
    expect(o.steps).toEqual(['prepare', 'train']);
    expect(o.features).toBe('dense');
  });

  it('reads YAML config files with the flags’ names, kebab-case or camelCase, hyperparameters included', () => {
    const file = configFile('abt.yaml', 'cv-folds: 3\nsimK: 7\nweights: [70, 30]\npolicy-a:\n  C: 0.5\n  l1_ratio: 0.2\npolicyB:\n  n_estimators: 40\n');
    const plan = parsePlan(['--config', file, '--data', 'x.zip']);
    expect(plan.options.cvFolds).toBe(3);
    expect(plan.options.simK).toBe(7);
    expect(plan.simulation.k).toBe(7);
    expect(plan.router.experiment.weights).toEqual([0.7, 0.3]);
    expect(plan.policyParams.A).toMatchObject({ C: 0.5, l1_ratio: 0.2, solver: 'owlqn', max_iter: 200, seed: 42 });
    // The user's alias replaces the default it names (num_iterations), so LightGBM sees one spelling.
    expect(plan.policyParams.B).toMatchObject({ n_estimators: 40, num_leaves: 64, seed: 42 });
    expect(plan.policyParams.B).not.toHaveProperty('num_iterations');
  });

  it('rejects unknown or doubled config keys, naming them as the file spells them', () => {
    expect(usageError(() => parseArgs(['--config', configFile('abt.json', JSON.stringify({ seed: 1, sead: 2 }))]))).toBe(
      messages.configUnknownKey('abt.json', 'sead', 'seed'),
    );
    expect(usageError(() => parseArgs(['--config', configFile('abt.yaml', 'cv-folds: 3\ncvFolds: 4\n')]))).toBe(
      messages.configDuplicateKey('abt.yaml', 'cv-folds', 'cvFolds'),
    );
    expect(usageError(() => parseArgs(['--config', configFile('abt.yaml', 'cv-folds: 1\n')]))).toBe('abt.yaml: cv-folds must be at least 2 (got 1)');
    expect(usageError(() => parseArgs(['--config', configFile('abt.yaml', 'a: [\n')]))).toMatch(/abt\.yaml is not valid YAML/);
  });

  it('says what is wrong in the user’s words, naming the flag typed', () => {
    expect(usageError(() => parseArgs(['--cv-folds', '1']))).toBe('--cv-folds must be at least 2 (got 1)');
    expect(usageError(() => parseArgs(['--seed', 'abc']))).toBe("--seed must be a number, got 'abc'");
    expect(usageError(() => parseArgs(['--features', 'wide']))).toBe("--features must be one of 'dense', 'onehot', got 'wide'");
    expect(usageError(() => parseArgs(['--steps', 'prepare,bogus']))).toMatch(/^--steps: unknown 'bogus'; allowed: 'prepare', 'train'/);
    expect(usageError(() => parseArgs(['--alpha', '0.7']))).toBe('--alpha must be less than 0.5 (got 0.7)');
    expect(usageError(() => parseArgs(['--data', 'x.zip', '--dataset', 'ml-1m']))).toBe(messages.dataAndDataset());
    expect(usageError(() => parseArgs(['--no-such-flag']))).toMatch(/unknown option/);
  });

  it('reads --weights as fractions or percentages, and refuses other sums with the fix', () => {
    expect(parsePlan(['--weights', '70,30', '--data', 'x.zip']).router.experiment.weights).toEqual([0.7, 0.3]);
    expect(parsePlan(['--weights', '0.25,0.75', '--data', 'x.zip']).router.experiment.weights).toEqual([0.25, 0.75]);
    expect(usageError(() => parseArgs(['--weights', '70,20']))).toBe(messages.sharesSum('--weights', [70, 20], 90));
    expect(messages.sharesSum('--weights', [70, 20], 90)).toMatch(/adds up to 90: .*same ratio is 77\.8,22\.2/);
    expect(usageError(() => parseArgs(['--weights', '1,0']))).toMatch(/greater than 0/);
    expect(usageError(() => parseArgs(['--weights', '100']))).toMatch(/needs 2 traffic shares/);
  });

  it('builds the router config with the router’s own validation before any stage, naming the flags', () => {
    expect(usageError(() => parsePlan(['--hash', 'md5-parity', '--weights', '60,40', '--data', 'x.zip']))).toBe(messages.md5ParityWeights([0.6, 0.4]));
    const plan = parsePlan(['--hash', 'md5-parity', '--data', 'x.zip']);
    expect(plan.router.experiment.hashVersion).toBe('md5-parity');
    expect(plan.router.config.models).toEqual({ PolicyA: 'models:/movielens_ctr_ab@PolicyA', PolicyB: 'models:/movielens_ctr_ab@PolicyB' });
  });

  it('refuses bad hyperparameters through the estimators’ own validation', () => {
    expect(usageError(() => parsePlan(['--policy-a', 'C=-1', '--data', 'x.zip']))).toMatch(/^--policy-a: C: /);
    expect(usageError(() => parsePlan(['--policy-b', 'num_leaves=1', '--data', 'x.zip']))).toMatch(/^--policy-b: num_leaves: /);
    expect(usageError(() => parsePlan(['--policy-b', 'num_leavs=31', '--data', 'x.zip']))).toMatch(/^--policy-b: num_leavs: /);
    expect(usageError(() => parsePlan(['--policy-a', 'C', '--data', 'x.zip']))).toBe(messages.badHyperparameter('--policy-a', 'C'));
  });

  it('refuses tracking URIs abt cannot write to, saying what to use instead', () => {
    expect(usageError(() => parsePlan(['--tracking-uri', 'databricks', '--data', 'x.zip']))).toBe(messages.trackingUriDatabricks('databricks'));
    const pg = 'postgresql://u@db:5432/mlflow';
    expect(usageError(() => parsePlan(['--tracking-uri', pg, '--data', 'x.zip']))).toBe(messages.trackingUriDatabase(pg, 'PostgreSQL'));
    expect(messages.trackingUriDatabase(pg, 'PostgreSQL')).toMatch(/MLflow server/);
    expect(usageError(() => parsePlan(['--tracking-uri', './mlruns', '--data', 'x.zip']))).toBe(messages.trackingUriFileStore('./mlruns'));
  });

  it('puts every option in a help group and shows every default', () => {
    for (const spec of Object.values(OPTION_TABLE)) expect(OPTION_GROUPS).toContain(spec.group);
  });
});

describe('options validated before any stage runs (built CLI)', async () => {
  const { runCli } = await import('./helpers');
  it('--weights 70,20 exits 2 at once, naming the flag, and writes nothing', () => {
    const out = path.join(tempDir('weights'), 'out');
    const r = runCli(['--weights', '70,20', '--data', 'x.zip', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--weights 70,20 adds up to 90');
    expect(existsSync(out)).toBe(false);
  });

  it('--help is grouped with defaults; --version prints the version', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    const headings = ['Data:', 'Features:', 'Models:', 'Evaluation:', 'Experiment (router and online replay):', 'Output, tracking and stages:'];
    const at = headings.map((h) => help.stdout.indexOf(`\n${h}\n`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(help.stdout).toMatch(/--cv-folds <k>\s+cross-validation folds \(default: 5\)/);
    expect(help.stdout).toMatch(/--weights <a,b>[\s\S]*\(default: 0\.5,0\.5\)/);
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^abt-pipeline \d+\.\d+\.\d+/);
  });
});
