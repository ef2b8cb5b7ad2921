import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { RatingsTable } from '@abt/data';
import type { Experiment } from '@abt/router';
import type { ShowListener } from './outcomes';
import type { ReplayResult } from './replay';

/** Items each event showed, collected during the replay through `onShow`. */
export type ShownItems = {
  readonly listener: ShowListener;
  readonly byEvent: Map<number, { movieIds: readonly number[]; scores: readonly number[]; converted: readonly number[] }>;
};

export function collectShownItems(): ShownItems {
  const byEvent: ShownItems['byEvent'] = new Map();
  return { byEvent, listener: (e, movieIds, scores, converted) => byEvent.set(e, { movieIds, scores, converted }) };
}

export type ReplayLogFiles = { readonly dir: string; readonly exposures: readonly string[]; readonly events: string; readonly metrics: string };

/** ISO time of `seconds`; the last one is kept, since each line writes its time twice and a session's lines share it. */
let lastSeconds = Number.NaN;
let lastIso = '';
const iso = (seconds: number): string => {
  if (seconds !== lastSeconds) {
    lastIso = new Date(Math.round(seconds * 1000)).toISOString();
    lastSeconds = seconds;
  }
  return lastIso;
};

/**
 * The replay as a real experiment would have logged it, so `abt-analyze` can read it back: the router's
 * exposure log (one line per request, format v2 or v1, rotated newest first as `exposures.ndjson`,
 * `.1` … past `maxLinesPerFile`), the events log (per request: `session` when it opens one, an `impression`
 * per item shown, a `conversion` per shown item the user rated ≥ 4 — at the request's time, the replay's
 * attribution — and in topk mode `hit` and `ndcg` with the request's value; plus the train-period `rating`s of
 * the replayed users, the CUPED covariate), and `metrics.yaml`, the metrics file that gives the simulate
 * stage's readout.
 */
export function writeReplayLogs(
  dir: string,
  result: ReplayResult,
  shown: ShownItems,
  meta: { experiment: Experiment; policies: readonly { arm: string; uri: string; modelVersion: string }[]; train: RatingsTable | undefined },
  options: { format?: 1 | 2; maxLinesPerFile?: number } = {},
): ReplayLogFiles {
  const { format = 2, maxLinesPerFile = 1_000_000 } = options;
  mkdirSync(dir, { recursive: true });
  const { events, outcomes, arms } = result;
  const ex = meta.experiment;
  const policy = new Map(meta.policies.map((p) => [p.arm, p]));
  const wSum = ex.weights.reduce((s, w) => s + w, 0);
  const exposureLines: string[] = [];
  // The events log is written as its lines are made (on 1M ratings 300 MB: held as lines, then joined,
  // it tripled the stage's memory). The covariate's train-period ratings come first.
  const eventsFile = path.join(dir, 'events.ndjson');
  const eventsOut = lineWriter(eventsFile);
  const ev = (t: number, userId: number, itemId: number | null, event: string, value: number | null, requestId: string | null) =>
    eventsOut.line(JSON.stringify({ v: 1, time: iso(t), receivedAt: iso(t), userId, itemId, event, value, requestId }));
  try {
    writeCovariate(eventsOut, result, meta.train);
    for (let e = 0; e < events.length; e++) {
      const t = events.time[e]!;
      const userId = events.userId[e]!;
      const armIndex = outcomes.arm[e]!;
      const arm = arms[armIndex]!;
      const inExperiment = outcomes.inExperiment[e] === 1;
      const items = shown.byEvent.get(e);
      const requestId = `sim-${e}`;
      const p = policy.get(arm);
      exposureLines.push(
        format === 2
          ? JSON.stringify({
              v: 2,
              time: iso(t),
              requestId,
              experiment: ex.key,
              hashAttribute: 'userId',
              hashVersion: ex.hashVersion,
              seed: ex.seed,
              userId,
              arm,
              variation: armIndex,
              source: inExperiment ? 'hash' : 'default',
              propensity: inExperiment ? (ex.weights[armIndex]! / wSum) * ex.coverage : 1 - ex.coverage,
              inExperiment,
              items: (items?.movieIds ?? []).map((itemId, i) => ({ itemId, score: items!.scores[i]! })),
              modelUri: p?.uri ?? '',
              modelVersion: p?.modelVersion ?? '',
              instance: 'replay',
            })
          : JSON.stringify({ time: iso(t), experiment: ex.key, userId, arm, modelVersion: p?.modelVersion ?? '', inExperiment }),
      );
      if (events.opensSession[e] === 1) ev(t, userId, null, 'session', null, requestId);
      items?.movieIds.forEach((m, i) => {
        ev(t, userId, m, 'impression', null, requestId);
        if (items.converted[i] === 1) ev(t, userId, m, 'conversion', 1, requestId);
      });
      if (result.settings.mode === 'topk') {
        ev(t, userId, null, 'hit', outcomes.hit[e]!, requestId);
        ev(t, userId, null, 'ndcg', outcomes.ndcg[e]!, requestId);
      }
    }
  } finally {
    eventsOut.close();
  }
  // Newest file first, as the router rotates: exposures.ndjson holds the last lines.
  const files: string[] = [];
  const chunks = Math.max(1, Math.ceil(exposureLines.length / maxLinesPerFile));
  for (let k = 0; k < chunks; k++) {
    const lines = exposureLines.slice(Math.max(0, exposureLines.length - (k + 1) * maxLinesPerFile), exposureLines.length - k * maxLinesPerFile);
    const file = path.join(dir, k === 0 ? 'exposures.ndjson' : `exposures.ndjson.${k}`);
    const w = lineWriter(file);
    for (const l of lines) w.line(l);
    w.close();
    files.push(file);
  }
  const metricsFile = path.join(dir, 'metrics.yaml');
  writeFileSync(metricsFile, replayMetricsYaml(result, ex));
  return { dir, exposures: files, events: eventsFile, metrics: metricsFile };
}

/** The covariate: each replayed user's train-period ratings (before their first session), as events. */
function writeCovariate(out: LineWriter, result: ReplayResult, train: RatingsTable | undefined): void {
  if (!train) return;
  const replayed = new Set(Array.from(result.users.userId));
  for (let i = 0; i < train.length; i++) {
    const u = train.userId[i]!;
    if (replayed.has(u))
      out.line(
        JSON.stringify({
          v: 1,
          time: iso(train.timestamp[i]!),
          receivedAt: iso(train.timestamp[i]!),
          userId: u,
          itemId: train.movieId[i]!,
          event: 'rating',
          value: train.rating[i]!,
          requestId: null,
        }),
      );
  }
}

type LineWriter = { line(text: string): void; close(): void };

/** Writes `file` line by line ('\n' after each), in chunks of about 1 MB: the bytes a joined write gives. */
function lineWriter(file: string): LineWriter {
  const fd = openSync(file, 'w');
  let buffered: string[] = [];
  let size = 0;
  const flush = () => {
    if (buffered.length > 0) writeSync(fd, buffered.join(''));
    buffered = [];
    size = 0;
  };
  return {
    line(text) {
      buffered.push(text, '\n');
      size += text.length + 1;
      if (size >= 1 << 20) flush();
    },
    close() {
      try {
        flush();
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** The metrics file of the replay: the simulate stage's primary and secondary metrics, and its per-arm totals. */
function replayMetricsYaml(result: Pick<ReplayResult, 'settings' | 'arms' | 'weights'>, experiment: Pick<Experiment, 'key'>): string {
  const topk = result.settings.mode === 'topk';
  const k = result.settings.k;
  return `# The simulate stage's readout from its own logs: pnpm run analyze --exposures "<dir>/exposures.ndjson*" --events <dir>/events.ndjson --metrics <dir>/metrics.yaml
version: 1
experiment:
  key: ${JSON.stringify(experiment.key)}
  arms: [${JSON.stringify(result.arms[0])}, ${JSON.stringify(result.arms[1])}]
  weights: [${result.weights[0]}, ${result.weights[1]}]
primary: conversion_rate
metrics:
  - name: conversion_rate
    label: conversion rate
    type: ratio
    numerator: { event: conversion }
    denominator: { event: impression }
    cuped: { event: rating }
  - name: converted_users
    label: users converted
    type: binomial
    event: conversion
    cuped: { event: rating }
${
  topk
    ? `  - name: hit_rate
    label: "hit@${k}"
    type: mean
    event: hit
    cuped: { event: rating }
  - name: ndcg
    label: "NDCG@${k}"
    type: mean
    event: ndcg
    cuped: { event: rating }
`
    : ''
}  - { name: sessions, type: count, event: session, test: false }
  - { name: shown, type: count, event: impression, test: false }
  - { name: conversions, type: count, event: conversion, test: false }
`;
}
