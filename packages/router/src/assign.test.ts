import { describe, expect, it } from 'vitest';
import { AssignmentSource, createAssigner, createExperiment, createMemoryStickyStore } from './index';

const three = {
  key: 'exp',
  arms: [
    { name: 'A', weight: 0.2 },
    { name: 'B', weight: 0.3 },
    { name: 'C', weight: 0.5 },
  ],
};

describe('createAssigner', () => {
  it('is deterministic: same experiment and ids → identical assignments', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => i);
    const a = createAssigner(createExperiment(three)).assignMany(ids);
    const b = createAssigner(createExperiment(three)).assignMany(ids);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    const other = createAssigner(createExperiment({ ...three, seed: 'another' })).assignMany(ids);
    expect(Buffer.from(a.buffer).equals(Buffer.from(other.buffer))).toBe(false);
  });

  it('splits >2 arms by weight', () => {
    const counts = [0, 0, 0];
    const assigner = createAssigner(createExperiment(three));
    for (let i = 0; i < 100_000; i++) counts[assigner.assignIndex(i)]! += 1;
    expect(counts[0]! / 1e5).toBeCloseTo(0.2, 1);
    expect(counts[1]! / 1e5).toBeCloseTo(0.3, 1);
    expect(counts[2]! / 1e5).toBeCloseTo(0.5, 1);
  });

  it('serves the named default arm outside coverage, marked as not in the experiment', () => {
    const assigner = createAssigner(createExperiment({ ...three, coverage: 0.25, defaultArm: 'B' }));
    let outside = 0;
    for (let i = 1; i <= 20_000; i++) {
      const a = assigner.assign(i);
      if (!a.inExperiment) {
        outside++;
        expect(a).toMatchObject({ arm: 'B', source: 'default' });
        expect(a.propensity).toBeCloseTo(0.75, 12);
      } else {
        expect(a.source).toBe('hash');
        expect(a.propensity).toBeCloseTo(0.25 * [0.2, 0.3, 0.5][a.armIndex]!, 12);
      }
    }
    expect(outside / 20_000).toBeCloseTo(0.75, 1);
  });

  it('forced assignments win for string and numeric ids', () => {
    const assigner = createAssigner(createExperiment({ ...three, coverage: 0, forced: { '42': 'C', 'qa-user': 'A' } }));
    expect(assigner.assign(42)).toMatchObject({ arm: 'C', source: 'forced', inExperiment: true });
    expect(assigner.assign('42')).toMatchObject({ arm: 'C', source: 'forced' });
    expect(assigner.assign('qa-user')).toMatchObject({ arm: 'A', source: 'forced' });
    expect(assigner.assign(43)).toMatchObject({ arm: 'A', source: 'default', inExperiment: false, propensity: 1 });
    expect(assigner.assign(42).propensity).toBe(1);
  });

  it('sticky store keeps a user in their first arm when weights change', () => {
    const store = createMemoryStickyStore();
    const first = createAssigner(createExperiment(three), { stickyStore: store });
    const before = Array.from({ length: 2000 }, (_, i) => first.assign(i + 1).arm);
    expect(store.size).toBe(2000);
    const shifted = {
      key: 'exp',
      arms: [
        { name: 'A', weight: 0.6 },
        { name: 'B', weight: 0.2 },
        { name: 'C', weight: 0.2 },
      ],
    };
    const sticky = createAssigner(createExperiment(shifted), { stickyStore: store });
    const fresh = createAssigner(createExperiment(shifted));
    let moved = 0;
    for (let i = 0; i < 2000; i++) {
      expect(sticky.assign(i + 1)).toMatchObject({ arm: before[i], source: 'sticky' });
      if (fresh.assign(i + 1).arm !== before[i]) moved++;
    }
    expect(moved).toBeGreaterThan(100); // without the store, users would have moved
    // A stored arm that no longer exists is ignored.
    store.set('exp', '99999', 'Z');
    expect(sticky.assign(99999).source).toBe('hash');
  });

  it('assignMany reports sources', () => {
    const assigner = createAssigner(createExperiment({ ...three, coverage: 0.5, forced: { '1': 'B' } }));
    const sources = new Uint8Array(100);
    assigner.assignMany(
      Array.from({ length: 100 }, (_, i) => i),
      undefined,
      sources,
    );
    expect(sources[1]).toBe(2);
    expect(new Set(sources)).toEqual(new Set([0, 1, 2]));
  });
});

describe('createAssigner: GrowthBook gates', () => {
  it('an empty id is not in the experiment (GrowthBook skips an empty hash attribute)', () => {
    const a = createAssigner(createExperiment(three));
    expect(a.assign('')).toMatchObject({ arm: 'A', source: 'default', inExperiment: false, propensity: 1 });
    expect(a.assign(0)).toMatchObject({ source: 'default', inExperiment: false });
    expect(a.assignIndex(0)).toBe(0);
  });

  it('assignMany reports sources and propensities; options are checked', () => {
    const a = createAssigner(createExperiment({ ...three, coverage: 0.5, namespace: ['ns', 0, 0.5] }));
    const ids = Array.from({ length: 5000 }, (_, i) => i + 1);
    const sources = new Uint8Array(ids.length);
    const prop = new Float64Array(ids.length);
    const arms = a.assignMany(ids, undefined, sources, prop);
    ids.forEach((id, i) => {
      const one = a.assign(id);
      expect([arms[i], sources[i], prop[i]]).toEqual([one.armIndex, AssignmentSource[one.source], one.propensity]);
    });
    expect(() => createAssigner(createExperiment(three), { sticky: {} } as never)).toThrow(/unknown option options\.sticky/);
  });
});
