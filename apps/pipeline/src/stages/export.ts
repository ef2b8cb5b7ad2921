import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { isCsr, type DenseMatrix } from '@abt/models';
import type { Stage } from '../stage';
import { loadPrepared } from '../data-source';
import { buildFeatures } from '../features';
import { loadScores } from '../scores';
import { PipelineError } from '../errors';
import { messages } from '../messages';

export const EXPORT_DIR = 'export';

/** A named column: ids and labels as integers, features and scores as floats. */
type Column = { readonly name: string; readonly data: ArrayLike<number>; readonly type: 'INT32' | 'FLOAT' | 'DOUBLE' };

/**
 * `--export`: the prepared split, the feature matrices with their user and item ids, and the test
 * scores, as Parquet (or CSV), plus the FeatureSpec — what a team needs to train elsewhere (LightGBM on
 * a cluster) and bring the model back with `abt-pipeline register --policy B --lightgbm model.txt`.
 */
export const exportStage: Stage = {
  name: 'export',
  title: 'export: split, features and scores for training elsewhere',
  needs: ['prepare', 'train'],
  inputs: (ctx) => ({ format: ctx.options.export, features: ctx.options.features, evalHistory: ctx.options.evalHistory }),
  async run(ctx) {
    const format = ctx.options.export ?? 'parquet';
    if (ctx.options.features !== 'dense') throw new PipelineError('usage', messages.exportNeedsDense());
    const data = await loadPrepared(ctx);
    const fs = await buildFeatures(ctx, data);
    const scores = await loadScores(ctx);
    const dir = path.join(ctx.out, EXPORT_DIR);
    await mkdir(dir, { recursive: true });
    const outputs: string[] = [];
    const write = async (name: string, columns: readonly Column[]) => {
      const file = `${name}.${format}`;
      await writeFile(path.join(dir, file), format === 'csv' ? toCsv(columns) : toParquet(columns));
      outputs.push(path.join(EXPORT_DIR, file));
    };
    for (const part of ['train', 'valid', 'test'] as const) {
      const rows = data[part];
      const ids: Column[] = [
        { name: 'userId', data: rows.userId, type: 'INT32' },
        { name: 'itemId', data: rows.movieId, type: 'INT32' },
      ];
      await write(`split_${part}`, [
        ...ids,
        { name: 'rating', data: rows.rating, type: 'FLOAT' },
        { name: 'timestamp', data: rows.timestamp, type: 'DOUBLE' },
        { name: 'label', data: rows.label, type: 'INT32' },
      ]);
      const X = fs[part];
      if (isCsr(X)) throw new PipelineError('usage', messages.exportNeedsDense());
      await write(`features_${part}`, [...ids, { name: 'label', data: rows.label, type: 'INT32' }, ...featureColumns(X as DenseMatrix, fs.featureNames)]);
    }
    const t = data.test;
    await write('scores_test', [
      { name: 'userId', data: t.userId, type: 'INT32' },
      { name: 'itemId', data: t.movieId, type: 'INT32' },
      { name: 'label', data: t.label, type: 'INT32' },
      { name: 'score_PolicyA', data: scores.test.A, type: 'DOUBLE' },
      { name: 'score_PolicyB', data: scores.test.B, type: 'DOUBLE' },
    ]);
    await writeFile(path.join(dir, 'feature-spec.json'), JSON.stringify(fs.spec.toJSON()));
    outputs.push(path.join(EXPORT_DIR, 'feature-spec.json'));
    const line = `export: ${outputs.length} files in ${dir} (${format}; features_*: userId, itemId, label, then the ${fs.featureNames.length} feature columns of feature-spec.json)`;
    ctx.report.info(line);
    return { outputs, summary: { dir, format, files: outputs, lines: [line] } };
  },
};

/** One column per feature, in the spec's order (what a model trained on them must keep). */
function featureColumns(X: DenseMatrix, names: readonly string[]): Column[] {
  return names.map((name, j) => {
    const col = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) col[i] = X.data[i * X.cols + j]!;
    // Float32 features are written as FLOAT (same bits); LightGBM and pandas read both.
    return { name, data: X.data instanceof Float32Array ? Float32Array.from(col) : col, type: X.data instanceof Float32Array ? 'FLOAT' : 'DOUBLE' };
  });
}

function toParquet(columns: readonly Column[]): Uint8Array {
  const buf = parquetWriteBuffer({ columnData: columns.map((c) => ({ name: c.name, data: Array.from(c.data), type: c.type })) });
  return new Uint8Array(buf);
}

/** RFC 4180 CSV with a header; numbers as JavaScript prints them (round-trip exact). */
function toCsv(columns: readonly Column[]): string {
  const n = columns[0]?.data.length ?? 0;
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [columns.map((c) => quote(c.name)).join(',')];
  for (let i = 0; i < n; i++) lines.push(columns.map((c) => String(c.data[i])).join(','));
  return `${lines.join('\n')}\n`;
}
