import { describe, expect, it } from 'vitest';
import { createAssigner, createExperiment, createMemoryStickyStore } from './index';

const three = { key: 'exp', arms: [{ name: 'A', weight: 0.2 }, { name: 'B', weight: 0.3 }, { name: 'C', weight: 0.5 }] };

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
    for (let i = 0; i < 20_000; i++) {
      const a = assigner.assign(i);
      if (!a.inExperiment) {
        outside++;
        expect(a).toMatchObject({ arm: 'B', source: 'coverage' });
      } else expect(a.source).toBe('hash');
    }
    expect(outside / 20_000).toBeCloseTo(0.75, 1);
  });

  it('forced assignments win for string and numeric ids', () => {
    const assigner = createAssigner(createExperiment({ ...three, coverage: 0, forced: { '42': 'C', 'qa-user': 'A' } }));
    expect(assigner.assign(42)).toMatchObject({ arm: 'C', source: 'forced', inExperiment: true });
    expect(assigner.assign('42')).toMatchObject({ arm: 'C', source: 'forced' });
    expect(assigner.assign('qa-user')).toMatchObject({ arm: 'A', source: 'forced' });
    expect(assigner.assign(43)).toMatchObject({ arm: 'A', source: 'coverage', inExperiment: false });
  });

  it('sticky store keeps a user in their first arm when weights change', () => {
    const store = createMemoryStickyStore();
    const first = createAssigner(createExperiment(three), { stickyStore: store });
    const before = Array.from({ length: 2000 }, (_, i) => first.assign(i).arm);
    expect(store.size).toBe(2000);
    const shifted = { key: 'exp', arms: [{ name: 'A', weight: 0.6 }, { name: 'B', weight: 0.2 }, { name: 'C', weight: 0.2 }] };
    const sticky = createAssigner(createExperiment(shifted), { stickyStore: store });
    const fresh = createAssigner(createExperiment(shifted));
    let moved = 0;
    for (let i = 0; i < 2000; i++) {
      expect(sticky.assign(i)).toMatchObject({ arm: before[i], source: 'sticky' });
      if (fresh.assign(i).arm !== before[i]) moved++;
    }
    expect(moved).toBeGreaterThan(100); // without the store, users would have moved
    // A stored arm that no longer exists is ignored.
    store.set('exp', '99999', 'Z');
    expect(sticky.assign(99999).source).toBe('hash');
  });

  it('assignMany reports sources', () => {
    const assigner = createAssigner(createExperiment({ ...three, coverage: 0.5, forced: { '1': 'B' } }));
    const sources = new Uint8Array(100);
    assigner.assignMany(Array.from({ length: 100 }, (_, i) => i), undefined, sources);
    expect(sources[1]).toBe(2);
    expect(new Set(sources)).toEqual(new Set([0, 1, 2]));
  });
});
