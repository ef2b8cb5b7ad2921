// A generated experiment for the warehouse-analysis tests: exposures in abt's log formats (v1 and v2 lines,
// rotated files), events in the events-log format, a planted lift, a covariate that predicts the outcome,
// ratio metrics, and every defect the health checks must find. Deterministic in its seed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRng } from '../../src/index';

export interface GeneratedExperiment {
  readonly exposures: string[];
  readonly events: string[];
  /** What the generator planted, for tests that check the health counts. */
  readonly planted: { multiArmUnits: number; notInExperimentLines: number; eventsBeforeExposure: number; unexposedEvents: number; unknownArmLines: number };
}

export const DAY = 86_400;
export const START = Date.UTC(2024, 2, 1) / 1000;

const iso = (t: number) => new Date(Math.round(t * 1000)).toISOString();

/**
 * `units` users over `days` days; arm B lifts purchase probability and clicks by `lift` (relative).
 * Units: ids are numbers for even units, strings for odd ones (the log keeps them as received).
 */
export function generateExperiment(
  seed: number,
  units: number,
  options: { days?: number; lift?: number; weights?: [number, number] } = {},
): GeneratedExperiment {
  const { days = 10, lift = 0.1, weights = [0.5, 0.5] } = options;
  const rng = createRng(seed);
  const exposures: string[] = [];
  const events: string[] = [];
  const planted = { multiArmUnits: 0, notInExperimentLines: 0, eventsBeforeExposure: 0, unexposedEvents: 0, unknownArmLines: 0 };
  const arms = ['control', 'treatment'];
  for (let u = 0; u < units; u++) {
    const id: string | number = u % 2 === 0 ? u : `u${u}`;
    const armIndex = rng() < weights[0] / (weights[0] + weights[1]) ? 0 : 1;
    const t0 = START + Math.floor(rng() * days * DAY * 0.8);
    const inExperiment = rng() > 0.03;
    const activity = Math.floor(rng() * rng() * 12);
    const v2 = rng() < 0.5;
    const line = (t: number, arm: string, inExp: boolean, variation: number) =>
      v2
        ? JSON.stringify({
            v: 2,
            time: iso(t),
            requestId: `r${u}-${t}`,
            experiment: 'exp1',
            hashAttribute: 'userId',
            hashVersion: 2,
            seed: 'exp1',
            userId: id,
            arm,
            variation,
            source: inExp ? 'hash' : 'default',
            propensity: inExp ? 0.5 : 1,
            inExperiment: inExp,
            items: [{ itemId: 1, score: 0.5 }],
            modelUri: `models:/m@${arm}`,
            modelVersion: '1',
            instance: 'host:1',
            country: u % 3 === 0 ? 'DE' : 'FR',
          })
        : JSON.stringify({ time: iso(t), experiment: 'exp1', userId: id, arm, modelVersion: '1', inExperiment: inExp, country: u % 3 === 0 ? 'DE' : 'FR' });
    const visits = 1 + Math.floor(rng() * 3);
    for (let k = 0; k < visits; k++) {
      const t = t0 + k * (DAY / 2 + Math.floor(rng() * DAY));
      if (t >= START + days * DAY) break;
      exposures.push(line(t, arms[armIndex]!, inExperiment, armIndex));
      if (!inExperiment) planted.notInExperimentLines++;
    }
    // A few units later show up in the other arm (broken stickiness); a few lines name a retired arm.
    const multiArm = inExperiment && rng() < 0.01;
    if (multiArm) {
      exposures.push(line(t0 + DAY / 3, arms[1 - armIndex]!, true, 1 - armIndex));
      planted.multiArmUnits++;
    }
    if (rng() < 0.005) {
      exposures.push(line(t0 + 60, 'old_arm', true, 2));
      planted.unknownArmLines++;
    }
    // Pre-period activity (the CUPED covariate) within 30 days before the first exposure, and some older.
    for (let k = 0; k < activity; k++) events.push(eventLine(id, t0 - 1 - Math.floor(rng() * 40 * DAY), 'visit', null));
    const boost = armIndex === 1 ? 1 + lift : 1;
    const sessions = 1 + Math.floor(rng() * 4);
    for (let s = 0; s < sessions; s++) {
      const ts = t0 + Math.floor(rng() * days * DAY * 0.6);
      const impressions = 1 + Math.floor(rng() * 8);
      for (let i = 0; i < impressions; i++) {
        events.push(eventLine(id, ts + i, 'impression', null));
        if (rng() < (0.08 + activity * 0.01) * boost) events.push(eventLine(id, ts + i + 5, 'click', 1));
      }
      if (rng() < (0.1 + activity * 0.02) * boost) events.push(eventLine(id, ts + 30, 'purchase', Math.round((5 + rng() * 50 + activity * 3) * 100) / 100));
    }
    // Outcome events before the first exposure (must be reported, not counted).
    if (rng() < 0.02) {
      events.push(eventLine(id, t0 - 3_600, 'purchase', 9.99));
      // Counted for analysed units; those of excluded units are events of units not in the analysis.
      if (inExperiment && !multiArm) planted.eventsBeforeExposure++;
    }
  }
  // Events of users never exposed.
  for (let k = 0; k < Math.max(3, units / 100); k++) {
    events.push(eventLine(`ghost${k}`, START + k * 100, 'click', 1));
    planted.unexposedEvents++;
  }
  // Logs are written in time order; ties keep generation order.
  const byTime = (lines: string[]) =>
    lines
      .map((l, i) => ({ l, i, t: Date.parse((JSON.parse(l) as { time: string }).time) }))
      .sort((a, b) => a.t - b.t || a.i - b.i)
      .map((x) => x.l);
  return { exposures: byTime(exposures), events: byTime(events), planted };
}

function eventLine(id: string | number, t: number, event: string, value: number | null): string {
  return JSON.stringify({ v: 1, time: iso(t), receivedAt: iso(t + 1), userId: id, itemId: 7, event, value, requestId: null });
}

/** Writes the exposures as a rotated log (`exposures.ndjson`, `.1`, `.2`; newest first) and the events as one file. */
export function writeExperiment(dir: string, data: GeneratedExperiment): { exposures: string; events: string } {
  mkdirSync(dir, { recursive: true });
  const third = Math.ceil(data.exposures.length / 3);
  const parts = [data.exposures.slice(2 * third), data.exposures.slice(third, 2 * third), data.exposures.slice(0, third)];
  parts.forEach((lines, i) => writeFileSync(path.join(dir, i === 0 ? 'exposures.ndjson' : `exposures.ndjson.${i}`), lines.map((l) => `${l}\n`).join('')));
  writeFileSync(path.join(dir, 'events.ndjson'), data.events.map((l) => `${l}\n`).join(''));
  return { exposures: path.join(dir, 'exposures.ndjson*'), events: path.join(dir, 'events.ndjson') };
}

export const METRICS_YAML = `version: 1
experiment:
  key: exp1
  arms: [control, treatment]
  weights: [0.5, 0.5]
dimensions: [country]
primary: ctr
metrics:
  - name: ctr
    label: click-through rate
    type: ratio
    numerator: { event: click }
    denominator: { event: impression }
    cuped: { event: visit, lookback: 30d }
  - name: purchased
    type: binomial
    event: purchase
    window: 7d
  - name: revenue
    type: sum
    event: purchase
    cap: { quantile: 0.99 }
    cuped: { event: visit, lookback: 30d }
  - name: order_value
    type: mean
    event: purchase
  - name: clicks
    type: count
    event: click
    cap: { value: 20 }
  - name: impressions
    type: count
    event: impression
    test: false
`;
