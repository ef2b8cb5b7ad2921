import { DataError, labelRatings, loadMovieLens, splitByTime, type LabeledRatings } from '@abt/data';
import { RouterDemoError } from '../errors';
import { messages } from '../messages';

/** The rows the demo routes: the original pipeline's test split (rating ≥ 4, 80/10/10 by time). */
export async function loadTestRows(source: string): Promise<LabeledRatings> {
  let test: LabeledRatings;
  try {
    const ds = await loadMovieLens(source);
    test = splitByTime(labelRatings(ds.ratings)).test;
  } catch (e) {
    if (DataError.isInstance(e) || (e as { code?: string }).code === 'ENOENT') {
      throw new RouterDemoError('DATA_UNAVAILABLE', messages.dataUnavailable(source, (e as Error).message), { cause: e });
    }
    throw e;
  }
  if (test.length === 0) throw new RouterDemoError('NO_ROWS', messages.noTestRows(source));
  return test;
}
