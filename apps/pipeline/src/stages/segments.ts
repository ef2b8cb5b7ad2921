import { analyzeSegments, evaluationCharts, segmentTrackingMetrics, type SegmentEvalRows, type SegmentResult } from '@abt/eval';
import type { MoviesTable, RatingsTable, UsersTable } from '@abt/data';
import type { Stage } from '../stage';
import { loadPrepared } from '../data-source';
import { loadScores } from '../scores';
import { stageRun, trackingUriOf } from '../tracking';
import { POLICY_A, POLICY_B } from '../policies';
import { publishCharts, writeResult } from '../charts';
import { headlineSegmentMetrics, logTable, segmentTable } from '../metric-layout';

/** Segments defined from train only (cold start, popularity, activity), plus every genre and demographics. */
export const segmentsStage: Stage = {
  name: 'segments',
  title: 'segments: cold start, popularity, activity, genres, demographics',
  needs: ['prepare', 'train'],
  inputs: (ctx) => ({ alpha: ctx.options.alpha, tracking: trackingUriOf(ctx) }),
  async run(ctx) {
    const data = await loadPrepared(ctx);
    const { test } = await loadScores(ctx);
    const results = analyzeSegments(
      {
        train: { userIds: data.train.userId, itemIds: data.train.movieId },
        eval: evalRows(data.test, data.movies, data.users),
        scoresA: test.A,
        scoresB: test.B,
      },
      { alpha: ctx.options.alpha },
    );
    const outputs = await stageRun(ctx, 'Segment_Analysis', { 'abt.stage': 'segments' }, async (run) => {
      // A handful of headline segments as metrics (the seed's keys); every segment in a table artifact.
      await run.logMetrics(headlineSegmentMetrics(segmentTrackingMetrics(results)));
      await logTable(run, segmentTable(results), 'segments_table.json');
      await run.logJson(results, 'segments.json');
      const charts = evaluationCharts({ segments: results, names: [POLICY_A.alias, POLICY_B.alias] });
      return [...(await publishCharts(ctx.out, run, charts)), await writeResult(ctx.out, 'segments', results)];
    });
    const skipped = results.filter((r: SegmentResult) => r.status !== 'ok').length;
    return {
      outputs,
      summary: { segments: results.length, skipped, lines: [`segments: ${results.length - skipped} analysed, ${skipped} skipped (too small or single-class)`] },
    };
  },
};

/** Test rows with their movies' genres and their users' demographics joined in. */
function evalRows(rows: RatingsTable & { label: Uint8Array }, movies: MoviesTable, users?: UsersTable): SegmentEvalRows {
  const g = movies.genreNames.length;
  const movieRow = indexOf(movies.movieId);
  const flags = new Uint8Array(rows.length * g);
  for (let i = 0; i < rows.length; i++) {
    const m = movieRow.get(rows.movieId[i]!);
    if (m !== undefined) flags.set(movies.genres.subarray(m * g, (m + 1) * g), i * g);
  }
  const base = { userIds: rows.userId, itemIds: rows.movieId, labels: rows.label, genres: { names: movies.genreNames, flags } };
  if (!users) return base;
  const userRow = indexOf(users.userId);
  const age = new Float64Array(rows.length).fill(NaN);
  const gender: string[] = new Array(rows.length).fill('unknown');
  const occupation: string[] = new Array(rows.length).fill('unknown');
  for (let i = 0; i < rows.length; i++) {
    const u = userRow.get(rows.userId[i]!);
    if (u === undefined) continue;
    age[i] = users.age[u]!;
    gender[i] = users.gender.values[users.gender.codes[u]!]!;
    occupation[i] = users.occupation.values[users.occupation.codes[u]!]!;
  }
  return { ...base, demographics: { age, gender, occupation } };
}

function indexOf(ids: Int32Array): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) m.set(ids[i]!, i);
  return m;
}
