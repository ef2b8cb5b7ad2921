import { describe, expect, it } from 'vitest';
import { type ConfigError, createExperiment, experimentToJSON, RouterError } from './index';

const arms = [{ name: 'A' }, { name: 'B' }];

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(RouterError.isInstance(e)).toBe(true);
    return e as ConfigError;
  }
  throw new Error('expected a throw');
}

describe('createExperiment', () => {
  it('fills GrowthBook defaults: seed = key, hash v2, equal weights, full coverage, first arm as default', () => {
    const e = createExperiment({ key: 'k', arms });
    expect(e).toMatchObject({ key: 'k', seed: 'k', hashVersion: 2, weights: [0.5, 0.5], coverage: 1, defaultArm: 'A' });
    expect([...e.ranges]).toEqual([0, 0.5, 0.5, 1]);
  });

  it('round-trips through experimentToJSON', () => {
    const config = {
      key: 'k',
      seed: 's',
      hashVersion: 1 as const,
      arms: [
        { name: 'x', weight: 0.2 },
        { name: 'y', weight: 0.3 },
        { name: 'z', weight: 0.5 },
      ],
      coverage: 0.4,
      defaultArm: 'y',
      forced: { '7': 'z', qa: 'x' },
    };
    expect(experimentToJSON(createExperiment(experimentToJSON(createExperiment(config))))).toEqual(config);
  });

  it.each([
    [{ key: '', arms }, 'experiment.key', /non-empty string/],
    [{ key: 'k', arms: [{ name: 'A' }] }, 'experiment.arms', /at least 2 arms/],
    [{ key: 'k', arms: [{ name: 'A' }, { name: 'A' }] }, 'experiment.arms[1].name', /more than once/],
    [
      {
        key: 'k',
        arms: [
          { name: 'A', weight: 0.5 },
          { name: 'B', weight: 0.2 },
        ],
      },
      'experiment.arms',
      /add up to 1/,
    ],
    [{ key: 'k', arms: [{ name: 'A', weight: 0.5 }, { name: 'B' }] }, 'experiment.arms[1].weight', /required/],
    [
      {
        key: 'k',
        arms: [
          { name: 'A', weight: -0.5 },
          { name: 'B', weight: 1.5 },
        ],
      },
      'experiment.arms[0].weight',
      /\[0, 1\]/,
    ],
    [{ key: 'k', arms: [{ name: 'A', weight: Number.NaN }, { name: 'B' }] }, 'experiment.arms[0].weight', /finite number/],
    [{ key: 'k', arms, coverage: 1.2 }, 'experiment.coverage', /\[0, 1\]/],
    [{ key: 'k', arms, hashVersion: 3 }, 'experiment.hashVersion', /1, 2 or "md5-parity"/],
    [{ key: 'k', arms, defaultArm: 'C' }, 'experiment.defaultArm', /not an arm/],
    [{ key: 'k', arms, forced: { u1: 'C' } }, 'experiment.forced["u1"]', /not an arm/],
    [{ key: 'k', arms: 'AB' }, 'experiment.arms', /required/],
    [null, 'experiment', /must be an object/],
  ])('rejects %j at %s', (config, path, message) => {
    const e = errorOf(() => createExperiment(config));
    expect(e.code).toBe('INVALID_EXPERIMENT');
    expect(e.path).toBe(path);
    expect(e.message).toMatch(message);
    expect(e.message).toContain(path);
  });

  it('accepts any split and more than two arms', () => {
    const e = createExperiment({
      key: 'k',
      arms: [
        { name: 'a', weight: 0.1 },
        { name: 'b', weight: 0.6 },
        { name: 'c', weight: 0.3 },
      ],
    });
    expect(e.arms).toEqual(['a', 'b', 'c']);
    expect(e.ranges[3]).toBeCloseTo(0.7, 12);
  });
});
