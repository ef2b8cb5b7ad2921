import { messages } from '../messages';
import { unknownParamKeys } from '../arguments';
import { InvalidParamError } from '../errors';
import type { Classifier } from '../model';
import type { Transformer } from '../preprocessing/index';

const msg = messages.pipeline;
const common = messages.common;

/** What a pipeline's last step must be: a classifier (it can hand out an unfitted copy). */
export type PipelineClassifier = Classifier;

/** Hyperparameters: sklearn's `Pipeline` parameters, the steps without names (`make_pipeline` names them). */
export type PipelineParams<C extends PipelineClassifier = PipelineClassifier> = {
  /** Transformers applied in order, then the classifier. Fitting the pipeline fits these objects in place. */
  steps: readonly [...Transformer[], C];
  /** sklearn caches fitted transformers in this directory; abt has no cache, so only `null` is accepted. */
  memory: null;
  /** sklearn (with metadata routing) transforms the named fit params; abt always passes `options.valid.X` through the transformers, so only `null`. */
  transform_input: null;
  /** sklearn prints each step's fit time; no effect on the model in abt. */
  verbose: boolean;
};

/** Constructor options: `steps` is required, the rest default as in sklearn. */
export type PipelineOptions<C extends PipelineClassifier = PipelineClassifier> = Pick<PipelineParams<C>, 'steps'> & Partial<Omit<PipelineParams<C>, 'steps'>>;

export const PIPELINE_OPTION_NAMES = ['steps', 'memory', 'transform_input', 'verbose'] as const;

/** Fills defaults (copying the steps array); unknown keys become issues for `fit` to report. */
export function pipelineParams<C extends PipelineClassifier>(options: PipelineOptions<C>): { params: PipelineParams<C>; issues: InvalidParamError[] } {
  const issues: InvalidParamError[] = [];
  const o = typeof options === 'object' && options !== null && !Array.isArray(options) ? options : ({} as PipelineOptions<C>);
  if (o !== options) issues.push(new InvalidParamError('params', common.notOptionsObject('new Pipeline', 'params', options)));
  for (const key of unknownParamKeys(o, PIPELINE_OPTION_NAMES))
    issues.push(new InvalidParamError(key, common.unknownParam('Pipeline', key, PIPELINE_OPTION_NAMES)));
  const steps = (Array.isArray(o.steps) ? [...o.steps] : o.steps) as PipelineParams<C>['steps'];
  return { params: { steps, memory: o.memory ?? null, transform_input: o.transform_input ?? null, verbose: o.verbose ?? false }, issues };
}

/** Checks the params at `fit` (for plain-JS callers): transformers first, then a classifier; the options as documented. */
export function checkPipelineParams<C extends PipelineClassifier>(p: PipelineParams<C>): { transformers: Transformer[]; final: C } {
  if (p.memory !== null) throw new InvalidParamError('memory', msg.memory(p.memory));
  if (p.transform_input !== null) throw new InvalidParamError('transform_input', msg.transformInput(p.transform_input));
  if (typeof p.verbose !== 'boolean') throw new InvalidParamError('verbose', msg.verbose(p.verbose));
  const steps = p.steps;
  if (!Array.isArray(steps) || steps.length === 0) throw new InvalidParamError('steps', msg.noSteps(steps));
  const last = steps.length - 1;
  const transformers = steps.slice(0, last) as Transformer[];
  transformers.forEach((t, i) => {
    if (!isTransformer(t)) throw new InvalidParamError(`steps[${i}]`, msg.notTransformer(i, kindOf(t)));
  });
  const final = steps[last] as C;
  if (!isClassifier(final)) throw new InvalidParamError(`steps[${last}]`, msg.notClassifier(last, kindOf(final)));
  return { transformers, final };
}

// A classifier (a Pipeline included: it has `transform` too) is never a middle step: its fit needs y.
const isTransformer = (s: unknown): s is Transformer =>
  typeof s === 'object' &&
  s !== null &&
  typeof (s as Transformer).fit === 'function' &&
  typeof (s as Transformer).transform === 'function' &&
  typeof (s as { predictProba?: unknown }).predictProba !== 'function';

const isClassifier = (s: unknown): s is PipelineClassifier =>
  typeof s === 'object' && s !== null && ['fit', 'predictProba', 'clone'].every((m) => typeof (s as Record<string, unknown>)[m] === 'function');

const kindOf = (s: unknown): unknown => (typeof s === 'object' && s !== null ? (s as { kind?: unknown }).kind : s);
