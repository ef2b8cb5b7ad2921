import { statSync } from 'node:fs';
import path from 'node:path';
import type { Stage, StageContext } from '../stage';
import { prepareData } from '../data-source';
import { badRowsLines, badRowsMetrics } from '../bad-rows';
import { datasetInput } from '../datasets';
import { stageRun, trackingUriOf } from '../tracking';

/** Source → (bad rows dropped) → label → stable time sort → 80/10/10 split, written to `<out>/prepared`; run `Prepare_Data`. */
export const prepareStage: Stage = {
  name: 'prepare',
  title: 'prepare: load, label and split by time',
  needs: [],
  inputs(ctx) {
    const o = ctx.options;
    return {
      source: sourceFingerprint(ctx),
      syntheticRatings: o.dataset === 'synthetic' ? o.syntheticRatings : undefined,
      seed: o.dataset === 'synthetic' ? o.seed : undefined,
      badRows: o.badRows,
      positiveThreshold: o.positiveThreshold,
      columns: o.columns,
      tracking: trackingUriOf(ctx),
    };
  },
  async run(ctx) {
    const { stats, outputs } = await stageRun(ctx, 'Prepare_Data', { 'abt.stage': 'prepare' }, async (run, tracking) => {
      const prepared = await prepareData(ctx);
      const s = prepared.stats;
      await run.logParams({ source: s.source, format: s.format, bad_rows: s.badRows.mode, positive_threshold: s.positiveThreshold });
      await run.logMetrics({
        ratings: s.ratings,
        users: s.users,
        items: s.movies,
        train_rows: s.split.train.rows,
        valid_rows: s.split.valid.rows,
        test_rows: s.split.test.rows,
        ...badRowsMetrics(s.badRows),
      });
      await run.logJson(s.badRows, 'bad_rows.json');
      await run.logInputs([datasetInput(s.datasets.train, 'training'), datasetInput(s.datasets.valid, 'validation'), datasetInput(s.datasets.test, 'testing')]);
      await tracking.parent.logInputs([datasetInput(s.datasets.train, 'training')]);
      return prepared;
    });
    const lines = statsLines(stats);
    for (const line of lines.slice(2)) ctx.report.info(line);
    return { outputs, summary: { ...stats, lines } };
  },
};

function sourceFingerprint(ctx: StageContext): unknown {
  const { data, dataset, syntheticUsers, syntheticMovies } = ctx.options;
  if (data && !/^[a-z]+:\/\//i.test(data)) {
    try {
      const st = statSync(data);
      return { data: path.resolve(data), size: st.size, mtimeMs: st.mtimeMs };
    } catch {
      return { data };
    }
  }
  return { data, dataset, syntheticUsers, syntheticMovies };
}

type Stats = Awaited<ReturnType<typeof prepareData>>['stats'];

function statsLines(s: Stats): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return [
    `data: ${s.format} from ${s.source}: ${s.ratings.toLocaleString('en')} ratings, ${s.users.toLocaleString('en')} users, ${s.movies.toLocaleString('en')} movies`,
    `split: train ${s.split.train.rows.toLocaleString('en')} / valid ${s.split.valid.rows.toLocaleString('en')} / test ${s.split.test.rows.toLocaleString('en')}; positive (rating ≥ ${s.positiveThreshold}) rate ${pct(s.split.train.positiveRate)} / ${pct(s.split.valid.positiveRate)} / ${pct(s.split.test.positiveRate)}`,
    ...badRowsLines(s.badRows),
    ...s.leftOut.map((what) => `features left out: ${what}`),
  ];
}
