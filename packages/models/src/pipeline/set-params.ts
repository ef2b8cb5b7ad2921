import { messages } from '../messages';
import { checkParamNames } from '../arguments';
import { InvalidParamError } from '../errors';
import type { PipelineClassifier, PipelineParams } from './pipeline-params';
import { PIPELINE_OPTION_NAMES } from './pipeline-params';

const common = messages.common;

/**
 * sklearn's `Pipeline.set_params` (`_BaseComposition._set_params`): own parameters, a whole step
 * by its name, or `<step>__<param>` forwarded to that step's `setParams`. Any other name throws
 * InvalidParamError now. `replaced` says whether the steps changed (the pipeline is then unfitted).
 */
export function applySetParams<C extends PipelineClassifier>(
  current: PipelineParams<C>,
  update: Record<string, unknown>,
  names: readonly string[],
): { params: PipelineParams<C>; replaced: boolean } {
  const known = [...PIPELINE_OPTION_NAMES, ...names];
  const own: Record<string, unknown> = {};
  const nested: [number, string, unknown][] = [];
  for (const [key, value] of Object.entries(typeof update === 'object' && update !== null ? update : {})) {
    if (value === undefined) continue;
    const cut = key.indexOf('__');
    const step = cut < 0 ? -1 : names.indexOf(key.slice(0, cut));
    if (step >= 0) nested.push([step, key.slice(cut + 2), value]);
    else own[key] = value;
  }
  checkParamNames('Pipeline.setParams', own, known);
  const steps = [...((own.steps as PipelineParams<C>['steps'] | undefined) ?? current.steps)];
  let replaced = own.steps !== undefined;
  names.forEach((name, i) => {
    if (own[name] === undefined) return;
    if (own.steps !== undefined) throw new InvalidParamError(name, common.unknownParam('Pipeline.setParams', name, PIPELINE_OPTION_NAMES));
    steps[i] = own[name] as (typeof steps)[number];
    replaced = true;
  });
  for (const [i, param, value] of nested) (steps[i] as { setParams(p: Record<string, unknown>): unknown }).setParams({ [param]: value });
  const params: PipelineParams<C> = {
    steps: steps as unknown as PipelineParams<C>['steps'],
    memory: (own.memory ?? current.memory) as null,
    transform_input: (own.transform_input ?? current.transform_input) as null,
    verbose: (own.verbose ?? current.verbose) as boolean,
  };
  return { params, replaced };
}
