import { describe, expect, it } from 'vitest';
import { proxStep, proxSteps } from './lazy-prox';
import { rng } from '../../../test/linear/helpers';

// White-box test of SAGA's closed-form catch-up: it must equal k explicit steps.
describe('proxSteps (closed-form lazy elastic-net update)', () => {
  it('equals k explicit proxStep calls over random regimes', () => {
    const r = rng(99);
    let worst = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const beta = (r() - 0.5) * 10;
      const a = (r() - 0.5) * (r() < 0.5 ? 0.1 : 2);
      const tau = r() < 0.3 ? 0 : r() * 0.2;
      const mu = r() < 0.3 ? 0 : r() < 0.5 ? r() * 1e-6 : r() * 0.3;
      const k = 1 + Math.floor(r() * (r() < 0.5 ? 10 : 500));
      let explicit = beta;
      for (let s = 0; s < k; s++) explicit = proxStep(explicit, a, tau, mu);
      const closed = proxSteps(beta, a, tau, mu, k);
      const err = Math.abs(closed - explicit) / Math.max(1, Math.abs(explicit));
      worst = Math.max(worst, err);
      if (explicit === 0) expect(closed, `trial ${trial}`).toBe(0);
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('k = 0 is the identity and a dead coordinate stays at zero', () => {
    expect(proxSteps(1.5, 0.2, 0.1, 0.01, 0)).toBe(1.5);
    expect(proxSteps(0, 0.05, 0.1, 0.01, 1000)).toBe(0);
    expect(proxSteps(3, 0.05, 0.1, 0, 1000)).toBe(0);
  });
});
