import { ConfigError } from './errors';
import { createExperiment, type Experiment, type ExperimentConfig, experimentToJSON, type GrowthBookExperimentConfig } from './experiment';
import { messages } from './messages';
import { checkArity } from './check-args';

/** Router config as versioned JSON: the experiment plus the model URI behind each arm. */
export type RouterConfig = {
  readonly format: 'abt-router';
  readonly formatVersion: 1;
  /** abt's shape (`arms`) or GrowthBook's (`variations`). */
  readonly experiment: ExperimentConfig | GrowthBookExperimentConfig;
  /** Arm name → model URI (`models:/movielens_ctr_ab@PolicyA`). One entry per arm. */
  readonly models: Readonly<Record<string, string>>;
};

/** A validated router config with its compiled experiment. */
export type ParsedRouterConfig = { readonly config: RouterConfig; readonly experiment: Experiment };

const KEYS = ['format', 'formatVersion', 'experiment', 'models'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Results of `parseRouterConfig`, so a parsed config passed on is not parsed again (and cannot be forged). */
const PARSED = new WeakSet<object>();

/** `config` itself when `parseRouterConfig` made it, else `parseRouterConfig(config)`. */
export function asParsedRouterConfig(config: unknown): ParsedRouterConfig {
  checkArity('asParsedRouterConfig', arguments, 1);
  if (isObject(config) && PARSED.has(config)) return config as ParsedRouterConfig;
  // A parsed config from another copy of this package: its plain config is checked again.
  if (isObject(config) && config.format === undefined && isObject(config.config)) return parseRouterConfig(config.config);
  return parseRouterConfig(config);
}

/**
 * Validates router config JSON (an object or its text). The result may be passed wherever a router
 * config is accepted (`registerRouter`, `saveRouterBundle`): it is used as is, not parsed again. Rejects unknown formats and versions
 * and arms without a model, naming the field.
 */
export function parseRouterConfig(json: unknown): ParsedRouterConfig {
  checkArity('parseRouterConfig', arguments, 1);
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new ConfigError('INVALID_ROUTER_CONFIG', '$', messages.routerConfigNotJson((e as Error).message), { cause: e });
    }
  }
  if (!isObject(value)) throw new ConfigError('INVALID_ROUTER_CONFIG', '$', messages.notAnObject('router config'));
  for (const key of Object.keys(value))
    if (!KEYS.includes(key)) throw new ConfigError('INVALID_ROUTER_CONFIG', key, messages.unknownRouterConfigKey(key, KEYS));
  if (value.format !== 'abt-router') throw new ConfigError('UNSUPPORTED_FORMAT', 'format', messages.unsupportedFormat('format', value.format, '"abt-router"'));
  if (value.formatVersion !== 1)
    throw new ConfigError('UNSUPPORTED_FORMAT', 'formatVersion', messages.unsupportedFormat('formatVersion', value.formatVersion, '1'));
  const experiment = createExperiment(value.experiment, 'experiment');
  if (!isObject(value.models)) throw new ConfigError('INVALID_ROUTER_CONFIG', 'models', messages.notAnObject('models'));
  const models: Record<string, string> = {};
  for (const arm of experiment.arms) {
    const uri = value.models[arm];
    if (uri === undefined) throw new ConfigError('INVALID_ROUTER_CONFIG', `models.${arm}`, messages.missingArmModel(arm));
    if (typeof uri !== 'string' || uri.length === 0) throw new ConfigError('INVALID_ROUTER_CONFIG', `models.${arm}`, messages.notAString(`models.${arm}`));
    models[arm] = uri;
  }
  for (const name of Object.keys(value.models))
    if (!experiment.arms.includes(name)) throw new ConfigError('INVALID_ROUTER_CONFIG', `models.${name}`, messages.extraArmModel(name));
  const parsed: ParsedRouterConfig = Object.freeze({
    config: { format: 'abt-router', formatVersion: 1, experiment: experimentToJSON(experiment), models },
    experiment,
  });
  PARSED.add(parsed);
  return parsed;
}
