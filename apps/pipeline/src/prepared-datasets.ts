import type { StageContext } from './stage';
import type { DatasetRecord } from './datasets';

/** The splits' MLflow dataset records from the prepare stage's record (older records have none). */
export function preparedDatasets(ctx: StageContext): Partial<Record<'train' | 'valid' | 'test', DatasetRecord>> {
  return (ctx.state.get('prepare')?.summary.datasets as Record<'train' | 'valid' | 'test', DatasetRecord> | undefined) ?? {};
}
