import path from 'node:path';
import { loadTables } from '@abt/data';
import { memo, type StageContext } from './stage';

type SplitScores = { readonly label: Uint8Array; readonly A: Float64Array; readonly B: Float64Array };
export type Scores = { readonly valid: SplitScores; readonly test: SplitScores };

/** Both policies' valid and test scores, as the train stage wrote them. */
export function loadScores(ctx: StageContext): Promise<Scores> {
  return memo(ctx, 'scores', () => loadTables<Scores>(path.join(ctx.out, 'scores')));
}
