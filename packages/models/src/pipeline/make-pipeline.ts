import { checkOptions } from '../arguments';
import type { Transformer } from '../preprocessing/index';
import { Pipeline } from './pipeline';
import type { PipelineClassifier, PipelineParams } from './pipeline-params';

/** sklearn's `make_pipeline` keyword arguments. */
export type MakePipelineOptions = Partial<Omit<PipelineParams, 'steps'>>;

/**
 * sklearn's `make_pipeline`: `makePipeline(new StandardScaler(), new LogisticRegression(...))`, with
 * an optional last argument of options (`{ verbose, memory, transform_input }`, as its keywords).
 * The last step is the classifier; `pipeline.finalEstimator` is typed as it.
 */
export function makePipeline<C extends PipelineClassifier>(...steps: [...Transformer[], C]): Pipeline<C>;
export function makePipeline<C extends PipelineClassifier>(...args: [...Transformer[], C, MakePipelineOptions]): Pipeline<C>;
export function makePipeline<C extends PipelineClassifier>(...args: unknown[]): Pipeline<C> {
  const last = args[args.length - 1];
  const isOptions = typeof last === 'object' && last !== null && !Array.isArray(last) && typeof (last as { fit?: unknown }).fit !== 'function';
  const options = isOptions ? (last as MakePipelineOptions) : {};
  checkOptions('makePipeline', options, ['memory', 'transform_input', 'verbose']);
  const steps = (isOptions ? args.slice(0, -1) : args) as unknown as [...Transformer[], C];
  return new Pipeline<C>({ ...options, steps });
}
