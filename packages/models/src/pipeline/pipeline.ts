import { messages } from '../messages';
import { checkArity, checkOptions } from '../arguments';
import { asMatrix } from '../as-matrix';
import { InvalidParamError, ModelFormatError, NotFittedError } from '../errors';
import { loadModel } from '../load-model';
import { isCsr, type Matrix, type MatrixInput } from '../matrix';
import { float32DesignFor, LogisticRegression, readsDenseAsFloat32 } from '../linear/logistic-regression';
import { StandardScaler } from '../preprocessing/standard-scaler';
import type { Classifier, FitOptions, SerializedModel } from '../model';
import type { Transformer } from '../preprocessing/index';
import { loadFinal, loadTransformer } from './load-steps';
import {
  PIPELINE_OPTION_NAMES,
  pipelineParams,
  type PipelineOptions,
  type PipelineParams,
  checkPipelineParams,
  type PipelineClassifier,
} from './pipeline-params';
import { applySetParams } from './set-params';
import { stepNames } from './step-names';

const msg = messages.pipeline;
const common = messages.common;

export const PIPELINE_KIND = 'Pipeline';

/** Any step: transformers first, the classifier last. */
export type PipelineStep = Transformer | PipelineClassifier;

/** `fit` options: the common ones; `sampleWeight` goes to the final step (sklearn routes `<step>__sample_weight` the same way). */
export type PipelineFitOptions = FitOptions & {
  sampleWeight?: ArrayLike<number>;
  /**
   * `false`: X may be overwritten (scikit-learn's `copy_X=False`). A single StandardScaler then
   * standardizes a design the classifier reads in float32 anyway in X's own array, so the fit holds
   * no second copy of X; X's values afterwards are unspecified. Default `true`: X is never written.
   */
  copyX?: boolean;
};

const OWNER = 'Pipeline';
const FIT_OPTIONS = ['featureNames', 'valid', 'onProgress', 'sampleWeight', 'copyX'] as const;

/**
 * sklearn's `Pipeline`: transformers fitted and applied in order, then a classifier, as one
 * `Classifier` that saves, loads and scores raw feature rows. This is how scaling travels with a
 * model: `makePipeline(new StandardScaler(), new LogisticRegression())`.
 */
export class Pipeline<C extends PipelineClassifier = PipelineClassifier> implements Classifier<PipelineParams<C>> {
  readonly kind = PIPELINE_KIND;
  #params: PipelineParams<C>;
  /** Constructor problems (unknown keys, surplus arguments), reported by `fit`: constructors do not throw. */
  #issues: InvalidParamError[] = [];
  #fitted = false;

  /** sklearn's `Pipeline(steps, *, memory=None, transform_input=None, verbose=False)`, steps without names. */
  constructor(params: PipelineOptions<C>) {
    if (arguments.length > 1) this.#issues.push(new InvalidParamError('argument 2', common.surplusArguments(`new ${OWNER}`, 1, arguments.length)));
    const { params: resolved, issues } = pipelineParams(params);
    this.#params = resolved;
    this.#issues.push(...issues);
  }

  /**
   * Fits each transformer on the output of the previous ones, then the classifier on the
   * transformed X. `options.valid.X` goes through the fitted transformers before reaching the
   * classifier; `featureNames` and `onProgress` pass through, `sampleWeight` to the classifier. Returns `this`.
   */
  fit(X: MatrixInput, y: ArrayLike<number>, options: PipelineFitOptions = {}): this {
    checkArity(`${OWNER}.fit`, arguments.length, 3);
    checkOptions(`${OWNER}.fit`, options, FIT_OPTIONS);
    // checked before anything is written: a truthy non-boolean must not read as "overwrite X"
    if (options.copyX !== undefined && typeof options.copyX !== 'boolean')
      throw new InvalidParamError('copyX', messages.common.notBooleanOption(`${OWNER}.fit`, 'copyX', options.copyX));
    this.#fitted = false;
    const issue = this.#issues[0];
    if (issue !== undefined) throw issue;
    const { transformers, final } = checkPipelineParams(this.#params);
    let Xt: Matrix = asMatrix(X, `${OWNER}.fit`);
    let validX = options.valid === undefined ? undefined : asMatrix(options.valid.X, `${OWNER}.fit (options.valid)`);
    const { copyX = true, ...finalOptions } = options;
    for (const [i, t] of transformers.entries()) {
      t.fit(Xt, options.featureNames === undefined ? {} : { featureNames: options.featureNames });
      // Overwriting needs X itself (the first step's input) and a valid set that is not X's memory.
      const copy: boolean = copyX || i > 0 || (validX !== undefined && validX.data.buffer === Xt.data.buffer);
      const out: Float32Array | Float64Array | undefined = i === transformers.length - 1 ? designOut(t, Xt, final, copy) : undefined;
      Xt = out === undefined ? t.transform(Xt) : (t as StandardScaler).transform(Xt, { out });
      if (validX !== undefined) validX = t.transform(validX);
    }
    const valid = options.valid === undefined || validX === undefined ? undefined : { X: validX, y: options.valid.y };
    final.fit(Xt, y, { ...finalOptions, valid });
    this.#fitted = true;
    return this;
  }

  /** P(y = 1) per row of raw (untransformed) X. */
  predictProba(X: MatrixInput): Float64Array {
    checkArity(`${OWNER}.predictProba`, arguments.length, 1);
    this.#need('predictProba');
    return this.finalEstimator.predictProba(this.#through(X, 'predictProba'));
  }

  /** Class per row (0 / 1) from the final step's `predict`. */
  predict(X: MatrixInput): Float64Array {
    checkArity(`${OWNER}.predict`, arguments.length, 1);
    this.#need('predict');
    return this.finalEstimator.predict(this.#through(X, 'predict'));
  }

  /** X after every transformer (what the classifier sees). */
  transform(X: MatrixInput): Matrix {
    checkArity(`${OWNER}.transform`, arguments.length, 1);
    this.#need('transform');
    return this.#through(X, 'transform');
  }

  #through(X: MatrixInput, where: string): Matrix {
    let Xt: Matrix = asMatrix(X, `${OWNER}.${where}`);
    for (const t of this.transformers) Xt = t.transform(Xt);
    return Xt;
  }

  /** The classifier (last step), e.g. to read `coef` or `nIter` after `fit`. */
  get finalEstimator(): C {
    const steps = this.#params.steps;
    return steps[steps.length - 1] as C;
  }

  /** Every step but the last. */
  get transformers(): readonly Transformer[] {
    return this.#params.steps.slice(0, -1) as Transformer[];
  }

  /** All steps, in order (a copy of the array; the step objects are the live ones). */
  get steps(): readonly PipelineStep[] {
    return [...this.#params.steps];
  }

  /** True after a successful `fit` (or `fromJSON`). */
  get isFitted(): boolean {
    return this.#fitted;
  }

  /** Feature names seen in `fit`, as the classifier recorded them. */
  get featureNames(): readonly string[] {
    this.#need('featureNames');
    return this.finalEstimator.featureNames;
  }

  /** Columns of the raw X seen in `fit` (the first step's `nFeaturesIn`). */
  get nFeaturesIn(): number {
    this.#need('nFeaturesIn');
    return (this.#params.steps[0] as PipelineStep).nFeaturesIn;
  }

  /** sklearn's `get_params(deep=False)`: the steps array (a copy; the step objects themselves) and the options. */
  getParams(): PipelineParams<C> {
    checkArity(`${OWNER}.getParams`, arguments.length, 0);
    return { ...this.#params, steps: [...this.#params.steps] as unknown as PipelineParams<C>['steps'] };
  }

  /** sklearn's `make_pipeline` step names: `['standardscaler', 'logisticregression']`. */
  get stepNames(): string[] {
    return stepNames(this.#params.steps.map((s) => s.kind));
  }

  /**
   * Every step's hyperparameters under sklearn's deep names (`logisticregression__C`,
   * `standardscaler__with_mean`), with no step objects in it: what to log as run params, where
   * `getParams()` (which holds the steps themselves, for `clone`) is not.
   */
  stepParams(): Record<string, unknown> {
    checkArity(`${OWNER}.stepParams`, arguments.length, 0);
    const out: Record<string, unknown> = {};
    const names = this.stepNames;
    this.#params.steps.forEach((step, i) => {
      const nested = step as { stepParams?: () => Record<string, unknown> };
      const params = typeof nested.stepParams === 'function' ? nested.stepParams() : step.getParams();
      for (const [k, v] of Object.entries(params)) out[`${names[i]}__${k}`] = v;
    });
    return out;
  }

  /**
   * sklearn's `set_params`: `steps`, `memory`, `transform_input`, `verbose`, a step by its name
   * (`logisticregression: new LogisticRegression()`) or a step's parameter (`logisticregression__C: 0.5`).
   * Unknown names throw InvalidParamError at once. Replacing steps unfits the pipeline. Returns `this`.
   */
  setParams(params: Partial<PipelineOptions<C>> & Record<string, unknown>): this {
    checkArity(`${OWNER}.setParams`, arguments.length, 1);
    const { params: next, replaced } = applySetParams(this.#params, params, this.stepNames);
    this.#params = next;
    if (replaced) this.#fitted = false;
    return this;
  }

  /** An unfitted pipeline of unfitted step clones with the same hyperparameters. */
  clone(): Pipeline<C> {
    checkArity(`${OWNER}.clone`, arguments.length, 0);
    const steps = this.#params.steps.map((s) => s.clone()) as unknown as PipelineParams<C>['steps'];
    return new Pipeline<C>({ ...this.#params, steps });
  }

  /** The versioned envelope with every step's own JSON nested under `state.steps`. */
  toJSON(): SerializedModel {
    checkArity(`${OWNER}.toJSON`, arguments.length, 1);
    this.#need('toJSON');
    const steps = this.#params.steps.map((s) => s.toJSON());
    return {
      format: 'abt-model',
      formatVersion: 1,
      kind: PIPELINE_KIND,
      params: { steps: steps.map((s) => s.kind), memory: null, transform_input: null, verbose: this.#params.verbose },
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
    checkArity(`${OWNER}.fromJSON`, arguments.length, 2);
    const root = obj(json, '$');
    check(root.format === 'abt-model', '$.format', "'abt-model'", root.format);
    check(root.formatVersion === 1, '$.formatVersion', '1 (the only version this reader knows)', root.formatVersion);
    check(root.kind === PIPELINE_KIND, '$.kind', `'${PIPELINE_KIND}'`, root.kind);
    const state = obj(root.state, '$.state');
    const raw = state.steps;
    check(Array.isArray(raw) && raw.length > 0, '$.state.steps', 'a non-empty array of step JSON', raw);
    const params = obj(root.params, '$.params');
    for (const key of Object.keys(params))
      check(PIPELINE_OPTION_NAMES.includes(key as never), `$.params.${key}`, 'absent (not a Pipeline parameter)', params[key]);
    const kinds = params.steps;
    check(Array.isArray(kinds) && kinds.length === raw.length, '$.params.steps', `an array of ${raw.length} step kinds`, kinds);
    check(params.memory === undefined || params.memory === null, '$.params.memory', 'null', params.memory);
    check(params.transform_input === undefined || params.transform_input === null, '$.params.transform_input', 'null', params.transform_input);
    check(params.verbose === undefined || typeof params.verbose === 'boolean', '$.params.verbose', 'a boolean', params.verbose);
    const last = raw.length - 1;
    const transformers = raw.slice(0, last).map((s, i) => loadTransformer(s, `$.state.steps[${i}]`));
    const final = loadFinal(raw[last], `$.state.steps[${last}]`, loadClassifier);
    const steps: PipelineStep[] = [...transformers, final as PipelineClassifier];
    steps.forEach((s, i) => check(kinds[i] === s.kind, `$.params.steps[${i}]`, `'${s.kind}' (the kind of $.state.steps[${i}])`, kinds[i]));
    const pipeline = new Pipeline({ steps: steps as [...Transformer[], PipelineClassifier], verbose: (params.verbose as boolean | undefined) ?? false });
    pipeline.#fitted = true;
    return pipeline;
  }

  #need(what: string): void {
    if (!this.#fitted) throw new NotFittedError(msg.notFitted(what));
  }
}

/**
 * Where the last transformer writes the design the classifier is fitted on, when not in a new
 * float64 matrix: a logistic regression that reads this design only in float32 gets it in float32
 * (the same model, without the float64 copy and its own float32 copy), in X's own array when `copy`
 * is false, else where its solver reads it in place (the row kernel's WebAssembly memory, shared
 * when the fit runs threads). Undefined: the transformer's usual copy.
 */
function designOut(t: Transformer, X: Matrix, final: PipelineClassifier, copy: boolean): Float32Array | Float64Array | undefined {
  if (!(t instanceof StandardScaler) || isCsr(X) || !(final instanceof LogisticRegression)) return undefined;
  if (!readsDenseAsFloat32(final, X.rows, X.cols)) return undefined;
  return copy ? float32DesignFor(final, X.rows, X.cols) : X.data;
}

function obj(v: unknown, path: string): Record<string, unknown> {
  check(typeof v === 'object' && v !== null && !Array.isArray(v), path, 'an object', v);
  return v as Record<string, unknown>;
}

function check(ok: boolean, path: string, expected: string, got: unknown): asserts ok {
  if (!ok) throw new ModelFormatError(msg.format(path, expected, got));
}
