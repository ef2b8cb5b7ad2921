import type { Transformer } from '../preprocessing/index';
import { Pipeline, type PipelineClassifier } from './pipeline';

/**
 * sklearn's `make_pipeline`: `makePipeline(new StandardScaler(), new LogisticRegression(...))`.
 * The last argument is the classifier; `pipeline.finalEstimator` is typed as it.
 */
export function makePipeline<C extends PipelineClassifier>(...steps: [...Transformer[], C]): Pipeline<C> {
  return new Pipeline<C>({ steps });
}
