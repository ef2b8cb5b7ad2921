import { describe, expect, it } from 'vitest';
import { summarizeByArm } from './index';

describe('summarizeByArm', () => {
  it('reports count, share and mean score per arm under the arm names, null mean for an empty arm', () => {
    const s = summarizeByArm(['A', 'B', 'C'], { length: 4, armIndex: Int32Array.from([0, 1, 0, 0]), score: Float64Array.from([0.2, 0.9, 0.4, 0.6]) });
    expect(s.n).toBe(4);
    expect(s.byArm.A).toEqual({ count: 3, share: 0.75, meanScore: expect.closeTo(0.4, 12) });
    expect(s.byArm.B).toEqual({ count: 1, share: 0.25, meanScore: 0.9 });
    expect(s.byArm.C).toEqual({ count: 0, share: 0, meanScore: null });
  });

  it('handles an empty batch', () => {
    expect(summarizeByArm(['A', 'B'], { length: 0, armIndex: new Int32Array(0), score: new Float64Array(0) })).toEqual({
      n: 0,
      byArm: { A: { count: 0, share: 0, meanScore: null }, B: { count: 0, share: 0, meanScore: null } },
    });
  });
});
