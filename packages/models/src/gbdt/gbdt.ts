/**
 * GBDT: a LightGBM-compatible gradient-boosted tree classifier (binary log loss) in TypeScript.
 * sklearn's estimator contract on the outside, LightGBM's algorithm and text model format inside.
 */
import { checkArity, checkOptions } from '../arguments';
import { asMatrix } from '../as-matrix';
import { InvalidInputError, InvalidParamError, ModelFormatError, NotFittedError } from '../errors';
import { defaultFeatureNames } from '../feature-names';
import { isCsr, type MatrixInput } from '../matrix';
import type { Classifier, FitOptions, SerializedModel } from '../model';
import { boost } from './boosting';
import { binInfo } from './dataset/bin-mapper';
import { addRawScores, compileForest, type Forest } from './forest';
import { addRawScoresSmall, SMALL_ROWS } from './predict/small-rows';
import { readLightGBMText } from './lightgbm-text/read';
import { writeLightGBMText } from './lightgbm-text/write';
import { g17 } from './lightgbm-text/format-number';
import { messages } from '../messages';
import { createObjective, type Objective } from './objective';
import {
  effectiveParams,
  givenFromModelText,
  parameterLines,
  publicParams,
  resolveParams,
  validateParams,
  type EffectiveParams,
  type GBDTOptions,
  type GBDTParams,
  type GivenParams,
  type ResolveIssue,
} from './params';
import { addImportance, type TreeArrays } from './tree';
import { checkLabels, checkMatrix } from './validate-input';

const msg = messages.gbdt;

export const GBDT_KIND = 'gbdt';

type Fitted = {
  trees: TreeArrays[];
  forest: Forest;
  objective: Objective;
  numFeatures: number;
  featureNames: string[];
  featureInfos: string[];
  bestIteration: number;
  validHistory: number[];
  threads: number;
  /** A loaded model's `parameters:` lines, written back as they were (as LightGBM does). */
  parameterLines?: string[];
};

export type FeatureImportanceType = 'split' | 'gain';

export class GBDT implements Classifier<GBDTParams> {
  readonly kind = GBDT_KIND;
  /** The parameters set (canonical names); `#params` holds every parameter as LightGBM would after its own adjustments. */
  #given: GivenParams;
  #params: EffectiveParams;
  readonly #issues: ResolveIssue[];
  #fitted: Fitted | undefined;

  /**
   * Hyperparameters only: any LightGBM parameter name or alias (`n_estimators`, `reg_lambda`, …).
   * Nothing is validated until `fit`; see `GBDT_PARAMS` for what abt implements, accepts as a
   * no-op, or refuses.
   */
  constructor(options: GBDTOptions = {}) {
    const { given, issues } = resolveParams(options as Record<string, unknown>);
    this.#given = given;
    this.#params = effectiveParams(given);
    this.#issues = issues;
  }

  /** Every implemented parameter (and the seeds) as LightGBM resolves them, plus any other that was set. */
  getParams(): GBDTParams {
    checkArity('GBDT.getParams', arguments.length, 0);
    return publicParams(this.#params, this.#given);
  }

  /** sklearn's `set_params` (LightGBM names or aliases): unknown names throw now, values are checked by `fit`. */
  setParams(params: GBDTOptions): this {
    checkArity('GBDT.setParams', arguments.length, 1);
    const { given, issues } = resolveParams(params as Record<string, unknown>);
    const issue = issues[0];
    if (issue) throw new InvalidParamError(issue.param, issue.message);
    this.#given = { ...this.#given, ...given };
    this.#params = effectiveParams(this.#given);
    return this;
  }

  clone(): GBDT {
    checkArity('GBDT.clone', arguments.length, 0);
    return new GBDT(this.getParams());
  }

  fit(Xin: MatrixInput, y: ArrayLike<number>, options: FitOptions = {}): this {
    checkArity('GBDT.fit', arguments.length, 3);
    checkOptions('GBDT.fit', options, ['featureNames', 'valid', 'onProgress']);
    this.#fitted = undefined;
    validateParams(this.#given, this.#issues);
    const X = asMatrix(Xin, 'GBDT.fit');
    checkMatrix(X, 'X');
    checkLabels(X, y, 'training data', true);
    const valid = options.valid && { X: asMatrix(options.valid.X, 'GBDT.fit (options.valid)'), y: options.valid.y };
    if (valid) {
      checkMatrix(valid.X, 'valid.X');
      checkLabels(valid.X, valid.y, 'valid data', false);
      if (valid.X.cols !== X.cols) throw new InvalidInputError(msg.featureCount(valid.X.cols, X.cols, 'valid.X'));
    }
    if (this.#params.early_stopping_round > 0 && !options.valid) {
      // LightGBM refuses early stopping without a validation set, too
      throw new InvalidParamError('early_stopping_round', msg.earlyStoppingNeedsValid(this.#params.early_stopping_round));
    }
    if (this.#params.early_stopping_round > 0 && this.#params.metric === 'custom') {
      throw new InvalidParamError('early_stopping_round', msg.earlyStoppingNeedsMetric(this.#params.early_stopping_round));
    }
    if (this.#params.max_bin_by_feature.length > 0 && this.#params.max_bin_by_feature.length !== X.cols) {
      throw new InvalidParamError('max_bin_by_feature', msg.maxBinByFeature(this.#params.max_bin_by_feature.length, X.cols));
    }
    const names = options.featureNames ? [...options.featureNames] : defaultFeatureNames(X.cols);
    if (names.length !== X.cols) throw new InvalidInputError(msg.featureNames(names.length, X.cols));
    const r = boost(this.#params, {
      X,
      y,
      ...(valid ? { valid } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    this.#fitted = {
      trees: r.trees,
      forest: compileForest(r.trees),
      objective: r.objective,
      numFeatures: X.cols,
      featureNames: names,
      featureInfos: r.dataset.mappers.map((m) => binInfo(m, g17)),
      bestIteration: r.bestIteration,
      validHistory: r.validHistory,
      threads: r.threads,
    };
    return this;
  }

  #need(what: string): Fitted {
    if (!this.#fitted) throw new NotFittedError(msg.notFitted(what));
    return this.#fitted;
  }

  /**
   * Raw scores (log-odds), LightGBM `predict(raw_score=True)`. With `out` (a Float64Array of one
   * entry per row) the scores are written there and it is returned: no allocation per call.
   */
  predictRaw(Xin: MatrixInput, options: { out?: Float64Array } = {}): Float64Array {
    checkArity('GBDT.predictRaw', arguments.length, 2);
    checkOptions('GBDT.predictRaw', options, ['out']);
    const f = this.#need('predictRaw');
    const X = asMatrix(Xin, 'GBDT.predictRaw');
    checkMatrix(X, 'X');
    if (X.cols !== f.numFeatures) throw new InvalidInputError(msg.featureCount(X.cols, f.numFeatures, 'X'));
    const given = options.out;
    if (given !== undefined && !(given instanceof Float64Array && given.length === X.rows)) throw new InvalidInputError(msg.outBuffer(given, X.rows));
    const out = given ? given.fill(0) : new Float64Array(X.rows);
    // A few dense rows (one served request) walk the trees directly: same bits, no per-call binning.
    if (X.rows <= SMALL_ROWS && !isCsr(X)) addRawScoresSmall(f.forest, X, out);
    else addRawScores(f.forest, X, out);
    return out;
  }

  predictProba(X: MatrixInput): Float64Array {
    checkArity('GBDT.predictProba', arguments.length, 1);
    const raw = this.predictRaw(X);
    const t = this.#fitted!.objective.transform;
    for (let i = 0; i < raw.length; i++) raw[i] = t(raw[i]!);
    return raw;
  }

  /** Class per row: 1 where P(y = 1) > 0.5 (LightGBM's `LGBMClassifier.predict`). */
  predict(X: MatrixInput): Float64Array {
    checkArity('GBDT.predict', arguments.length, 1);
    const p = this.predictProba(X);
    for (let i = 0; i < p.length; i++) p[i] = p[i]! > 0.5 ? 1 : 0;
    return p;
  }

  get featureNames(): readonly string[] {
    return this.#need('featureNames').featureNames;
  }

  get nFeaturesIn(): number {
    return this.#need('nFeaturesIn').numFeatures;
  }

  get isFitted(): boolean {
    return this.#fitted !== undefined;
  }

  get numTrees(): number {
    return this.#need('numTrees').trees.length;
  }

  /** 1-based iteration with the best valid metric (0 without early stopping); trees beyond it are dropped. */
  get bestIteration(): number {
    return this.#need('bestIteration').bestIteration;
  }

  /** Valid metric after each round (empty without valid data). */
  get validHistory(): readonly number[] {
    return this.#need('validHistory').validHistory;
  }

  /** Threads that trained in the last fit (0 for a loaded model); see `num_threads`. */
  get numThreadsUsed(): number {
    return this.#need('numThreadsUsed').threads;
  }

  /** Per feature: number of splits (`split`, LightGBM's default) or summed split gain (`gain`). */
  featureImportance(type: FeatureImportanceType = 'split'): Float64Array {
    checkArity('GBDT.featureImportance', arguments.length, 1);
    importanceTypeOf(type, 'featureImportance');
    const f = this.#need('featureImportance');
    const split = new Float64Array(f.numFeatures);
    const gain = new Float64Array(f.numFeatures);
    for (const t of f.trees) addImportance(t, split, gain);
    return type === 'gain' ? gain : split;
  }

  /**
   * The model in LightGBM's text format; `lightgbm.Booster(model_str=…)` loads it. Like Python's
   * `Booster.model_to_string(importance_type=…)`, `importanceType` picks what the
   * `feature_importances:` block counts (split counts by default).
   */
  toLightGBMText(options: { importanceType?: FeatureImportanceType } = {}): string {
    checkArity('GBDT.toLightGBMText', arguments.length, 1);
    checkOptions('GBDT.toLightGBMText', options, ['importanceType']);
    const f = this.#need('toLightGBMText');
    return writeLightGBMText({
      trees: f.trees,
      featureNames: f.featureNames,
      featureInfos: f.featureInfos,
      objective: f.objective.toString(),
      parameterLines: f.parameterLines ?? parameterLines(this.#params),
      importanceType: importanceTypeOf(options.importanceType, 'toLightGBMText'),
    });
  }

  /** Loads a model written by LightGBM (or by `toLightGBMText`). */
  static fromLightGBMText(text: string): GBDT {
    checkArity('GBDT.fromLightGBMText', arguments.length, 1);
    const m = readLightGBMText(text);
    const model = new GBDT({ ...givenFromModelText(m.parameters), sigmoid: m.sigmoid } as GBDTOptions);
    model.#fitted = {
      trees: m.trees,
      forest: compileForest(m.trees),
      objective: createObjective({ name: 'binary', sigmoid: m.sigmoid, labelWeights: [1, 1] }),
      numFeatures: m.maxFeatureIdx + 1,
      featureNames: m.featureNames,
      featureInfos: m.featureInfos,
      bestIteration: 0,
      validHistory: [],
      threads: 0,
      parameterLines: m.parameterLines,
    };
    return model;
  }

  toJSON(): SerializedModel {
    checkArity('GBDT.toJSON', arguments.length, 1); // JSON.stringify passes a key
    const f = this.#need('toJSON');
    return {
      format: 'abt-model',
      formatVersion: 1,
      kind: GBDT_KIND,
      params: this.getParams(),
      featureNames: [...f.featureNames],
      state: { lightgbmText: this.toLightGBMText(), bestIteration: f.bestIteration },
    };
  }

  static fromJSON(json: SerializedModel): GBDT {
    checkArity('GBDT.fromJSON', arguments.length, 1);
    if (json?.format !== 'abt-model') throw new ModelFormatError(msg.json(`format must be 'abt-model'`));
    if (json.formatVersion !== 1) throw new ModelFormatError(msg.json(`unsupported formatVersion ${String(json.formatVersion)}`));
    if (json.kind !== GBDT_KIND) throw new ModelFormatError(msg.json(`kind is '${json.kind}', expected '${GBDT_KIND}'`));
    const text = json.state?.lightgbmText;
    if (typeof text !== 'string') throw new ModelFormatError(msg.json('state.lightgbmText must be a string'));
    const loaded = GBDT.fromLightGBMText(text);
    const params = typeof json.params === 'object' && json.params !== null ? json.params : {};
    const { given, issues } = resolveParams(params);
    try {
      validateParams(given, issues);
    } catch (e) {
      if (InvalidParamError.isInstance(e)) throw new ModelFormatError(msg.json(`params.${e.param}: ${e.message}`), undefined, { cause: e });
      throw e;
    }
    const model = new GBDT(params as GBDTOptions);
    // The text format writes names with whitespace as '_' (as LightGBM does); the JSON keeps them as given.
    const names =
      Array.isArray(json.featureNames) &&
      json.featureNames.length === loaded.#fitted!.featureNames.length &&
      json.featureNames.every((n) => typeof n === 'string')
        ? [...json.featureNames]
        : loaded.#fitted!.featureNames;
    model.#fitted = { ...loaded.#fitted!, featureNames: names, bestIteration: Number(json.state.bestIteration ?? 0) };
    return model;
  }
}

/** 'split' (the default) or 'gain'; anything else is an error naming the function. */
function importanceTypeOf(type: unknown, fn: string): FeatureImportanceType {
  if (type === undefined || type === 'split' || type === 'gain') return type ?? 'split';
  throw new InvalidParamError('importanceType', msg.importanceType(fn, type));
}
