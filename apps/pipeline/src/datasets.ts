import { createHash } from 'node:crypto';
import type { DatasetInput } from '@abt/tracking';
import type { LabeledRatings } from '@abt/data';

/** What MLflow's Dataset entity needs for one split, computed once in `prepare` and kept in its record. */
export type DatasetRecord = {
  readonly name: string;
  readonly digest: string;
  readonly sourceType: string;
  readonly source: string;
  readonly schema: string;
  readonly profile: string;
};

const SCHEMA = JSON.stringify({
  mlflow_colspec: [
    { type: 'long', name: 'userId', required: true },
    { type: 'long', name: 'movieId', required: true },
    { type: 'float', name: 'rating', required: true },
    { type: 'double', name: 'timestamp', required: true },
    { type: 'integer', name: 'label', required: true },
  ],
});

const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * A split as an MLflow dataset: the digest hashes its columns (sha256, first 16 hex characters; MLflow
 * allows 36), so the same rows give the same digest and MLflow stores the dataset once; the source is
 * the file or URL it was prepared from.
 */
export function datasetRecord(split: 'train' | 'valid' | 'test', rows: LabeledRatings, source: string, format: string): DatasetRecord {
  const h = createHash('sha256');
  for (const col of [rows.userId, rows.movieId, rows.rating, rows.timestamp, rows.label]) h.update(bytes(col));
  const remote = /^https?:\/\//i.test(source);
  const generated = source.startsWith('synthetic:');
  return {
    name: `${format}_${split}`,
    digest: h.digest('hex').slice(0, 16),
    sourceType: remote ? 'http' : generated ? 'code' : 'local',
    source: JSON.stringify(remote || !generated ? { uri: source } : { generator: source }),
    schema: SCHEMA,
    profile: JSON.stringify({ num_rows: rows.length, positive_rate: rows.length ? rows.label.reduce((a, b) => a + b, 0) / rows.length : 0 }),
  };
}

/** The run input for a split, with MLflow's context tag (`training`, `validation`, `testing`). */
export function datasetInput(record: DatasetRecord, context: 'training' | 'validation' | 'testing'): DatasetInput {
  return { dataset: { ...record }, tags: [{ key: 'mlflow.data.context', value: context }] };
}
