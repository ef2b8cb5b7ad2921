import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAssigner, createExperiment, md5Hex, md5Parity } from './index';

// The original: int(hashlib.md5(str(int(uid)).encode()).hexdigest(), 16) % 2 == 0 → "A".
const original = (uid: number | string) => {
  const hex = createHash('md5')
    .update(String(typeof uid === 'number' ? Math.trunc(uid) : uid), 'utf8')
    .digest('hex');
  return BigInt(`0x${hex}`) % 2n === 0n ? 'A' : 'B';
};

describe('md5-parity (the original router rule)', () => {
  it('md5Hex equals node:crypto for ASCII, multi-byte, astral and multi-block input', () => {
    for (const s of ['', 'a', '1', '943', 'ünï©ødé', '😀 emoji', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'w'.repeat(200)])
      expect(md5Hex(s), s).toBe(createHash('md5').update(s, 'utf8').digest('hex'));
  });

  it('reproduces the original assignment for every MovieLens user id and more', () => {
    const exp = createExperiment({ key: 'ab', hashVersion: 'md5-parity', arms: [{ name: 'A' }, { name: 'B' }] });
    const assigner = createAssigner(exp);
    let a = 0;
    for (let uid = 1; uid <= 5000; uid++) {
      const arm = assigner.assign(uid).arm;
      expect(arm, `user ${uid}`).toBe(original(uid));
      expect(md5Parity(uid)).toBe(arm === 'A' ? 0 : 1);
      if (arm === 'A') a++;
    }
    expect(a).toBeGreaterThan(2300);
    expect(a).toBeLessThan(2700);
    for (const id of ['user-1', 'ünï', 12.7, -3]) expect(assigner.assign(id).arm, String(id)).toBe(original(id));
  });

  it('is a two-arm, 50/50, full-coverage mode', () => {
    expect(() => createExperiment({ key: 'x', hashVersion: 'md5-parity', arms: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] })).toThrow(/exactly 2 arms/);
    expect(() => createExperiment({ key: 'x', hashVersion: 'md5-parity', arms: [{ name: 'A' }, { name: 'B' }], coverage: 0.5 })).toThrow(/parity rule/);
  });
});
