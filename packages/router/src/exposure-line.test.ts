import { describe, expect, it } from 'vitest';
import { exposureLine, type ExposureEvent } from './exposure-log';

// exposureLine writes the line by hand (and quotes repeating strings once): it must be exactly
// JSON.stringify of the record in the documented field order, whatever the strings hold.
const ODD = ['plain', 'with "quotes"', 'back\\slash', 'tab\there', 'new\nline', 'ünïcødé ✓', '\u0000\u001f', '\ud83d\ude00', '</script>', ''];

function event(i: number): ExposureEvent {
  const s = (k: number) => `${ODD[(i + k) % ODD.length]}${i % 7 === 0 ? i : ''}`; // some repeat, some are new
  return {
    time: 1_764_583_200_000 + i,
    requestId: s(1),
    experiment: s(2),
    hashAttribute: s(3),
    hashVersion: i % 2 === 0 ? 2 : 'md5-parity',
    seed: s(4),
    userId: i % 3 === 0 ? i : s(5),
    arm: s(6),
    variation: i % 4,
    source: (['hash', 'forced', 'sticky', 'default'] as const)[i % 4]!,
    propensity: (i % 10) / 10,
    inExperiment: i % 5 !== 0,
    items: Array.from({ length: i % 3 }, (_, k) => ({ itemId: k % 2 === 0 ? i + k : s(k), score: (i * 0.37 + k) / 7 })),
    modelUri: `models:/${s(7)}/1`,
    modelVersion: s(8),
    instance: s(9),
  } as ExposureEvent;
}

describe('exposureLine', () => {
  it('is JSON.stringify of the record in field order, for odd strings and past the quoted-string cache size', () => {
    for (let i = 0; i < 2000; i++) {
      const e = event(i);
      const { time, ...rest } = e;
      const want = JSON.stringify({
        v: 2,
        time: new Date(time).toISOString(),
        requestId: rest.requestId,
        experiment: rest.experiment,
        hashAttribute: rest.hashAttribute,
        hashVersion: rest.hashVersion,
        seed: rest.seed,
        userId: rest.userId,
        arm: rest.arm,
        variation: rest.variation,
        source: rest.source,
        propensity: rest.propensity,
        inExperiment: rest.inExperiment,
        items: rest.items,
        modelUri: rest.modelUri,
        modelVersion: rest.modelVersion,
        instance: rest.instance,
      });
      expect(exposureLine(e), `event ${i}`).toBe(`${want}\n`);
    }
  });

  it('stays exact when the repeated fields alternate (arms) or change one at a time', () => {
    const base = event(1);
    const variants: ExposureEvent[] = [];
    for (let i = 0; i < 40; i++) {
      const arm = i % 2 === 0 ? 'A' : 'B';
      variants.push({
        ...base,
        userId: i % 3 === 0 ? `u${i}` : i,
        arm,
        modelUri: `models:/m@${arm}`,
        modelVersion: i % 5 === 0 ? `${i}` : arm === 'A' ? '1' : '2',
        instance: i % 7 === 0 ? 'other:1' : 'host:1',
        seed: i % 11 === 0 ? 'other seed' : base.seed,
        hashVersion: i % 13 === 0 ? 'md5-parity' : 2,
        items: [{ itemId: i, score: i % 4 === 0 ? Number.NaN : i / 3 }],
      });
    }
    for (const e of variants) {
      const { time } = e;
      expect(exposureLine(e)).toBe(
        `${JSON.stringify({ v: 2, time: new Date(time).toISOString(), requestId: e.requestId, experiment: e.experiment, hashAttribute: e.hashAttribute, hashVersion: e.hashVersion, seed: e.seed, userId: e.userId, arm: e.arm, variation: e.variation, source: e.source, propensity: e.propensity, inExperiment: e.inExperiment, items: e.items, modelUri: e.modelUri, modelVersion: e.modelVersion, instance: e.instance })}\n`,
      );
    }
  });
});
