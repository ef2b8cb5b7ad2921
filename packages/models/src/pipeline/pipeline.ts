import { InvalidParamError, ModelFormatError, NotFittedError } from '../errors';
import { loadModel } from '../load-model';
import type { Matrix } from '../matrix';
import type { Classifier, FitOptions, SerializedModel } from '../model';
import type { Transformer } from '../preprocessing/index';
import { loadFinal, loadTransformer } from './load-steps';
import { messages } from '../messages';
import { stepNames } from './step-names';

const msg = messages.pipeline;

export const PIPELINE_KIND = 'Pipeline';

/** What a pipeline's last step must be: a classifier that can also hand out an unfitted copy. */
export type PipelineClassifier = Classifier & { clone(): Classifier };

/** Any step: transformers first, the classifier last. */
export type PipelineStep = Transformer | PipelineClassifier;

/** Hyperparameters: the steps themselves, as sklearn's `Pipeline(steps=...)` (without step names). */
export type PipelineParams<C extends PipelineClassifier = PipelineClassifier> = {
  /** Transformers applied in order, then the classifier. Fitting the pipeline fits these objects in place. */
  steps: readonly [...Transformer[], C];
};

/**
 * sklearn's `Pipeline`: transformers fitted and applied in order, then a classifier, as one
 * `Classifier` that saves, loads and scores raw feature rows. This is how scaling travels with a
 * model: `makePipeline(new StandardScaler(), new LogisticRegression())`.
 */
export class Pipeline<C extends PipelineClassifier = PipelineClassifier> implements Classifier<PipelineParams<C>> {
  readonly kind = PIPELINE_KIND;
  #steps: readonly [...Transformer[], C];
  #fitted = false;

  constructor(params: PipelineParams<C>) {
    this.#steps = copySteps(params.steps);
  }

  /**
   * Fits each transformer on the output of the previous ones, then the classifier on the
   * transformed X. `options.valid.X` goes through the fitted transformers before reaching the
   * classifier; `featureNames` and `onProgress` pass through. Returns `this`.
   */
  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    this.#fitted = false;
    const { transformers, final } = splitSteps(this.#steps);
    let Xt = X;
    let validX = options.valid?.X;
    for (const t of transformers) {
      t.fit(Xt, { featureNames: options.featureNames });
      Xt = t.transform(Xt);
      if (validX !== undefined) validX = t.transform(validX);
    }
    const valid = options.valid === undefined || validX === undefined ? undefined : { X: validX, y: options.valid.y };
    final.fit(Xt, y, { ...options, valid });
    this.#fitted = true;
    return this;
  }

  /** P(y = 1) per row of raw (untransformed) X. */
  predictProba(X: Matrix): Float64Array {
    this.#need('predictProba');
    return this.finalEstimator.predictProba(this.transform(X));
  }

  /** X after every transformer (what the classifier sees). */
  transform(X: Matrix): Matrix {
    this.#need('transform');
    let Xt = X;
    for (const t of this.transformers) Xt = t.transform(Xt);
    return Xt;
  }

  /** The classifier (last step), e.g. to read `coef` or `nIter` after `fit`. */
  get finalEstimator(): C {
    return this.#steps[this.#steps.length - 1] as C;
  }

  /** Every step but the last. */
  get transformers(): readonly Transformer[] {
    return this.#steps.slice(0, -1) as Transformer[];
  }

  /** All steps, in order (a copy of the array; the step objects are the live ones). */
  get steps(): readonly PipelineStep[] {
    return [...this.#steps];
  }

  /** Feature names seen in `fit`, as the classifier recorded them. */
  get featureNames(): readonly string[] {
    this.#need('featureNames');
    return this.finalEstimator.featureNames;
  }

  /** `{ steps }` with a copy of the steps array (sklearn's `get_params(deep=False)`). */
  getParams(): PipelineParams<C> {
    return { steps: copySteps(this.#steps) };
  }

  /** sklearn's `make_pipeline` step names: `['standardscaler', 'logisticregression']`. */
  get stepNames(): string[] {
    return stepNames(this.#steps.map((s) => s.kind));
  }

  /**
   * Every step's hyperparameters under sklearn's deep names (`logisticregression__C`,
   * `standardscaler__with_mean`), with no step objects in it: what to log as run params, where
   * `getParams()` (which holds the steps themselves, for `clone`) is not.
   */
  stepParams(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const names = this.stepNames;
    this.#steps.forEach((step, i) => {
      const nested = step as { stepParams?: () => Record<string, unknown> };
      const params = typeof nested.stepParams === 'function' ? nested.stepParams() : step.getParams();
      for (const [k, v] of Object.entries(params)) out[`${names[i]}__${k}`] = v;
    });
    return out;
  }

  /** Replaces the steps; the pipeline is unfitted until the next `fit`. */
  setParams(params: Partial<PipelineParams<C>>): this {
    if (params.steps !== undefined) {
      this.#steps = copySteps(params.steps);
      this.#fitted = false;
    }
    return this;
  }

  /** An unfitted pipeline of unfitted step clones with the same hyperparameters. */
  clone(): Pipeline<C> {
    const steps = this.#steps.map((s) => s.clone()) as unknown as readonly [...Transformer[], C];
    return new Pipeline<C>({ steps });
  }

  /** The versioned envelope with every step's own JSON nested under `state.steps`. */
  toJSON(): SerializedModel {
    this.#need('toJSON');
    const steps = this.#steps.map((s) => s.toJSON());
    return {
      format: 'abt-model',
      formatVersion: 1,
      kind: PIPELINE_KIND,
      params: { steps: steps.map((s) => s.kind) },
      featureNames: [...this.featureNames],
      state: { steps },
    };
  }

  /**
   * Rebuilds a fitted pipeline from `toJSON()` output. Transformer steps load through the
   * pipeline's own table, the final step through `loadClassifier` (default `loadModel`); unknown
   * kinds and malformed steps throw ModelFormatError naming the path, and nothing is executed.
   */
  static fromJSON(json: SerializedModel | unknown, loadClassifier: (json: unknown) => Classifier = loadModel): Pipeline {
    const root = obj(json, '$');
    check(root.format === 'abt-model', '$.format', "'abt-model'", root.format);
    check(root.formatVersion === 1, '$.formatVersion', '1 (the only version this reader knows)', root.formatVersion);
    check(root.kind === PIPELINE_KIND, '$.kind', `'${PIPELINE_KIND}'`, root.kind);
    const state = obj(root.state, '$.state');
    const raw = state.steps;
    check(Array.isArray(raw) && raw.length > 0, '$.state.steps', 'a non-empty array of step JSON', raw);
    const kinds = obj(root.params, '$.params').steps;
    check(Array.isArray(kinds) && kinds.length === raw.length, '$.params.steps', `an array of ${raw.length} step kinds`, kinds);
    const last = raw.length - 1;
    const transformers = raw.slice(0, last).map((s, i) => loadTransformer(s, `$.state.steps[${i}]`));
    const final = loadFinal(raw[last], `$.state.steps[${last}]`, loadClassifier);
    const steps: PipelineStep[] = [...transformers, final as PipelineClassifier];
    steps.forEach((s, i) => check(kinds[i] === s.kind, `$.params.steps[${i}]`, `'${s.kind}' (the kind of $.state.steps[${i}])`, kinds[i]));
    const pipeline = new Pipeline({ steps: steps as [...Transformer[], PipelineClassifier] });
    pipeline.#fitted = true;
    return pipeline;
  }

  #need(what: string): void {
    if (!this.#fitted) throw new NotFittedError(msg.notFitted(what));
  }
}

/** Transformers first, then a classifier with `clone`; checked at `fit` for plain-JS callers. */
function splitSteps<C extends PipelineClassifier>(steps: readonly [...Transformer[], C]): { transformers: Transformer[]; final: C } {
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
  typeof s === 'object' && s !== null && typeof (s as Transformer).fit === 'function' && typeof (s as Transformer).transform === 'function' &&
  typeof (s as { predictProba?: unknown }).predictProba !== 'function';

const isClassifier = (s: unknown): s is PipelineClassifier =>
  typeof s === 'object' && s !== null && ['fit', 'predictProba', 'clone'].every((m) => typeof (s as Record<string, unknown>)[m] === 'function');

const kindOf = (s: unknown): unknown => (typeof s === 'object' && s !== null ? (s as { kind?: unknown }).kind : s);

function copySteps<C extends PipelineClassifier>(steps: readonly [...Transformer[], C]): readonly [...Transformer[], C] {
  return (Array.isArray(steps) ? [...steps] : steps) as readonly [...Transformer[], C];
}

function obj(v: unknown, path: string): Record<string, unknown> {
  check(typeof v === 'object' && v !== null && !Array.isArray(v), path, 'an object', v);
  return v as Record<string, unknown>;
}

function check(ok: boolean, path: string, expected: string, got: unknown): asserts ok {
  if (!ok) throw new ModelFormatError(msg.format(path, expected, got));
}
