import type { SegmentResult } from '@abt/eval';
import type { ActiveRun } from '@abt/tracking';

// The MLflow layout people can read: a few keys per run, series as steps of one key, wide breakdowns
// as a table artifact. The seed's key names (ARCHITECTURE.md §2) are kept for what stays a metric.

/** Segments whose metrics stay run metrics (`test_<segment>_<A|B>_<metric>`): the original's cold-start and popularity cuts. */
const HEADLINE_SEGMENTS = ['all', 'cold_user', 'warm_user', 'cold_item', 'popular', 'long_tail'] as const;

const FOLD_KEY = /^(.*)_fold(\d+)$/;

/**
 * Splits per-fold keys (`A_LogReg_auc_fold3`) off into series: `{ A_LogReg_auc_fold: [[3, v], …] }`, to be
 * logged as steps of one key (step = fold number), so 5 folds are one chart, not 5 keys.
 */
export function foldSeries(metrics: Record<string, number>): { flat: Record<string, number>; series: Record<string, [number, number][]> } {
  const flat: Record<string, number> = {};
  const series: Record<string, [number, number][]> = {};
  for (const [key, value] of Object.entries(metrics)) {
    const m = FOLD_KEY.exec(key);
    if (!m) flat[key] = value;
    else (series[`${m[1]}_fold`] ??= []).push([Number(m[2]), value]);
  }
  for (const points of Object.values(series)) points.sort((a, b) => a[0] - b[0]);
  return { flat, series };
}

/** Logs `foldSeries` output: flat keys at step 0, each series as its own steps. */
export async function logFolded(run: ActiveRun, metrics: Record<string, number>): Promise<void> {
  const { flat, series } = foldSeries(metrics);
  await run.logMetrics(flat);
  for (const [key, points] of Object.entries(series)) for (const [step, value] of points) await run.logMetric(key, value, { step });
}

/** Keeps the headline segments' keys of `segmentTrackingMetrics`. */
export function headlineSegmentMetrics(metrics: Record<string, number>, split = 'test'): Record<string, number> {
  const prefixes = HEADLINE_SEGMENTS.map((s) => `${split}_${s}_`);
  return Object.fromEntries(Object.entries(metrics).filter(([k]) => prefixes.some((p) => k.startsWith(p))));
}

/** Every segment as one row per (segment, metric): what `mlflow.load_table` reads back as a DataFrame. */
export function segmentTable(results: readonly SegmentResult[]): { columns: string[]; data: (string | number | null)[][] } {
  const columns = ['segment', 'label', 'group', 'n', 'positive_rate', 'metric', 'A', 'B', 'diff', 'diff_ci_low', 'diff_ci_high', 'p_value', 'verdict'];
  const data: (string | number | null)[][] = [];
  const num = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? null : x);
  for (const r of results) {
    if (r.status !== 'ok') {
      data.push([r.key, r.label, r.group, r.n, null, null, null, null, null, null, null, null, r.status]);
      continue;
    }
    for (const m of r.metrics) {
      data.push([
        r.key,
        r.label,
        r.group,
        r.n,
        num(r.positiveRate),
        m.metric,
        num(m.a.estimate),
        num(m.b.estimate),
        num(m.diff.estimate),
        num(m.diff.ciLow),
        num(m.diff.ciHigh),
        num(m.pValue),
        m.verdict?.text ?? null,
      ]);
    }
  }
  return { columns, data };
}

/**
 * MLflow's `log_table`: the table as pandas' split orient without index (`{columns, data}`), and the run
 * tag `mlflow.loggedArtifacts` listing it as a table, so the UI and `mlflow.load_table` find it.
 */
export async function logTable(run: ActiveRun, table: { columns: string[]; data: unknown[][] }, artifactFile: string): Promise<void> {
  await run.logText(JSON.stringify(table), artifactFile);
  // Python's json.dumps spacing: load_table finds runs with `LIKE '%"path"%:%"<file>",%"type"%:%"table"%'`.
  await run.setTag('mlflow.loggedArtifacts', `[{"path": ${JSON.stringify(artifactFile)}, "type": "table"}]`);
}
