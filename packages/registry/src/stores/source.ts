import { RegistryError } from '../errors.js';
import { messages as msg } from '../messages.js';
import { localPathOf, parseUri, type ParsedUri } from '../uri/parse-uri.js';
import { checkCall } from '../arguments.js';

/** A version source after validation, with the run/model ids it implies. */
export interface CheckedSource {
  parsed: ParsedUri;
  runId: string | undefined;
  modelId: string | undefined;
}

function invalid(source: string, why: string, cause?: unknown): RegistryError {
  return new RegistryError('INVALID_PARAMETER_VALUE', msg.badSource(source, why), { cause });
}

/**
 * The store-independent half of MLflow's `_validate_source_run`/`_validate_source_model`:
 * no traversal anywhere, `runs:/` ids agree with `run_id`, `models:/m-…` with `model_id`,
 * and a local path only together with a run or model whose artifact directory must hold it
 * (stores that can see artifact locations check that containment themselves).
 */
export function checkSource(source: string, runId?: string, modelId?: string): CheckedSource {
  checkCall('checkSource', arguments, 3);
  if (typeof source !== 'string' || source === '') throw new RegistryError('INVALID_PARAMETER_VALUE', msg.missingValue('source'));
  let parsed: ParsedUri;
  try {
    parsed = parseUri(source);
  } catch (e) {
    throw invalid(source, (e as Error).message, e);
  }
  let run = runId || undefined;
  let model = modelId || undefined;
  if (parsed.kind === 'runs') {
    if (run && run !== parsed.runId) throw invalid(source, msg.sourceRunMismatch(run));
    run = parsed.runId;
  } else if (parsed.kind === 'logged-model') {
    if (model && model !== parsed.modelId) throw invalid(source, msg.sourceModelMismatch(model));
    model = parsed.modelId;
  } else if (parsed.kind === 'artifact' && parsed.location === 'local') {
    if (!run && !model) throw invalid(source, msg.sourceLocalNeedsRun());
    // `file://host/…` and drive letters are refused by localPathOf. MLflow would resolve a relative
    // path or `//host/…` and then find it outside the run's directory; abt refuses the form up
    // front, so stores that cannot see artifact locations (memory) refuse it too.
    let local: string;
    try {
      local = localPathOf(source);
    } catch (e) {
      throw invalid(source, (e as Error).message, e);
    }
    if (source.startsWith('//')) throw invalid(source, msg.sourceLocalHost());
    if (!local.startsWith('/')) throw invalid(source, msg.sourceLocalRelative());
  }
  return { parsed, runId: run, modelId: model };
}
