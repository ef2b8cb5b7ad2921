import { describe, expect, it } from 'vitest';
import { asParsedRouterConfig, parseRouterConfig } from './index';

const config = {
  format: 'abt-router',
  formatVersion: 1,
  experiment: {
    key: 'exp',
    arms: [
      { name: 'A', weight: 0.7 },
      { name: 'B', weight: 0.3 },
    ],
  },
  models: { A: 'models:/m@A', B: 'models:/m@B' },
};

describe('asParsedRouterConfig', () => {
  it('passes on what parseRouterConfig returned, without parsing it again', () => {
    const parsed = parseRouterConfig(config);
    expect(asParsedRouterConfig(parsed)).toBe(parsed);
    expect(Object.isFrozen(parsed)).toBe(true);
  });

  it('parses a plain config, and re-checks a look-alike it did not make', () => {
    expect(asParsedRouterConfig(config).experiment.weights).toEqual([0.7, 0.3]);
    const forged = {
      config: {
        ...config,
        experiment: {
          ...config.experiment,
          arms: [
            { name: 'A', weight: 0.9 },
            { name: 'B', weight: 0.3 },
          ],
        },
      },
      experiment: {},
    };
    expect(() => asParsedRouterConfig(forged)).toThrow(/experiment\.arms/);
  });
});
