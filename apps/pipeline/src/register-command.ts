import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { FeatureSpec } from '@abt/features';
import { GBDT } from '@abt/models';
import { registerModel } from '@abt/registry';
import { writePolicyBundle } from './bundles';
import { defaultOptions, type PipelineOptions } from './options';
import { checkTrackingUri } from './plan';
import { PipelineError } from './errors';
import { messages } from './messages';
import { lockOut } from './out-lock';
import { createReporter } from './progress';
import { PipelineState } from './state';
import { EXPORT_DIR } from './stages/export';
import { POLICY_B, POLICY_MODEL_NAME } from './policies';
import { closeTracking, mlflowUiLines, stageRun } from './tracking';
import { openRegistry } from './registry';
import type { StageContext } from './stage';

type RegisterArgs = { policy: 'A' | 'B'; lightgbm: string; featureSpec: string; out: string; trackingUri?: string; experiment: string };

/** `abt-pipeline register --policy B --lightgbm model.txt [--feature-spec spec.json]`: arguments, checked. */
function parseRegisterArgs(argv: readonly string[], cwd: string): RegisterArgs {
  const cmd = new Command('abt-pipeline register')
    .description('Register a LightGBM model trained elsewhere (on the features --export wrote) as a policy; the router serves it.')
    .exitOverride()
    .configureOutput({ writeErr: () => {} })
    .addOption(new Option('--policy <A|B>', 'which policy the model becomes').choices(['A', 'B']).makeOptionMandatory())
    .addOption(new Option('--lightgbm <file>', 'a LightGBM text model (Booster.save_model / model.txt)').makeOptionMandatory())
    .addOption(new Option('--feature-spec <file>', `the FeatureSpec it was trained on (default: <out>/${EXPORT_DIR}/feature-spec.json, written by --export)`))
    .addOption(new Option('--out <dir>', 'the pipeline output directory (tracking database and lock)').default('./abt-out'))
    .addOption(new Option('--tracking-uri <uri>', 'MLflow tracking URI (default: MLFLOW_TRACKING_URI, else sqlite:///<out>/mlflow.db)'))
    .addOption(new Option('--experiment <name>', 'MLflow experiment name').default('abtest_movielens'));
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError && (e.code === 'commander.helpDisplayed' || e.code === 'commander.help')) throw e;
    throw new PipelineError('usage', e instanceof Error ? e.message.replace(/^error: /, '') : String(e));
  }
  const o = cmd.opts<{ policy: 'A' | 'B'; lightgbm: string; featureSpec?: string; out: string; trackingUri?: string; experiment: string }>();
  if (o.policy === 'A') throw new PipelineError('usage', messages.registerPolicyA());
  const out = path.resolve(cwd, o.out);
  const featureSpec = o.featureSpec ? path.resolve(cwd, o.featureSpec) : path.join(out, EXPORT_DIR, 'feature-spec.json');
  if (!o.featureSpec && !existsSync(featureSpec)) throw new PipelineError('usage', messages.registerNoSpec(featureSpec));
  checkTrackingUri(o.trackingUri, '--tracking-uri');
  return {
    policy: o.policy,
    lightgbm: path.resolve(cwd, o.lightgbm),
    featureSpec,
    out,
    ...(o.trackingUri ? { trackingUri: o.trackingUri } : {}),
    experiment: o.experiment,
  };
}

/** Loads the model and its FeatureSpec, checks they agree column by column. Models are data: nothing is executed. */
function loadExternalModel(args: Pick<RegisterArgs, 'lightgbm' | 'featureSpec'>): { model: GBDT; spec: FeatureSpec } {
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      throw new PipelineError('usage', messages.registerUnreadable(file, (e as Error).message), { cause: e });
    }
  };
  const model = GBDT.fromLightGBMText(read(args.lightgbm));
  const spec = FeatureSpec.fromJSON(JSON.parse(read(args.featureSpec)));
  const want = spec.featureNames;
  const got = model.featureNames;
  if (got.length !== want.length) throw new PipelineError('data', messages.registerFeatureCount(args.lightgbm, got.length, args.featureSpec, want.length));
  // LightGBM writes spaces in feature names as underscores (`occupation=K-12 student` → `occupation=K-12_student`).
  const lightgbmName = (n: string) => n.replace(/\s/g, '_');
  const j = got.findIndex((n, i) => n !== lightgbmName(want[i]!));
  if (j >= 0) throw new PipelineError('data', messages.registerFeatureName(args.lightgbm, j, got[j]!, want[j]!));
  return { model, spec };
}

/** Registers the external model as `movielens_ctr_ab@PolicyB` (run `PolicyB_LightGBM_external`, nested under its invocation's run). */
export async function runRegisterCommand(argv: readonly string[], cwd: string): Promise<string[]> {
  const args = parseRegisterArgs(argv, cwd);
  const { model, spec } = loadExternalModel(args);
  mkdirSync(args.out, { recursive: true });
  const options: PipelineOptions = {
    ...defaultOptions(),
    out: args.out,
    experiment: args.experiment,
    steps: ['register'],
    ...(args.trackingUri ? { trackingUri: args.trackingUri } : {}),
  };
  const invocation = lockOut(args.out, ['register', ...argv]);
  const ctx = {
    options,
    out: args.out,
    report: createReporter({ quiet: false }),
    state: new PipelineState(args.out),
    signal: new AbortController().signal,
    memo: new Map(),
    invocation,
    progress: { current: { name: 'register', title: 'register an external LightGBM model', startedAt: Date.now() }, finished: [] },
  } as unknown as StageContext;
  let status: 'FINISHED' | 'FAILED' = 'FAILED';
  try {
    const registered = await stageRun(
      ctx,
      `${POLICY_B.runName}_external`,
      { 'abt.policy': POLICY_B.alias, 'abt.stage': 'register', 'abt.source': 'lightgbm' },
      async (run, tracking) => {
        await run.logParams({
          model_file: args.lightgbm,
          feature_spec: args.featureSpec,
          num_trees: model.numTrees,
          n_features: spec.featureNames.length,
          ...Object.fromEntries(
            Object.entries(model.getParams())
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => [k, String(v)]),
          ),
        });
        const dir = path.join(args.out, 'models', `${POLICY_B.alias}_external`);
        await writePolicyBundle(dir, { model, spec, runId: run.runId });
        const reg = await registerModel({
          client: tracking.client,
          registry: await openRegistry(ctx),
          runId: run.runId,
          bundleDir: dir,
          name: POLICY_MODEL_NAME,
          alias: POLICY_B.alias,
          artifactPath: POLICY_B.alias,
          tags: { 'abt.policy': POLICY_B.alias, 'abt.source': 'lightgbm' },
        });
        if (reg.loggedModelId) await run.logOutputs([{ modelId: reg.loggedModelId, step: 0 }]);
        return { version: reg.version.version, ui: mlflowUiLines(tracking.uri, tracking.experiment.experimentId) };
      },
    );
    status = 'FINISHED';
    return [messages.registered(POLICY_MODEL_NAME, POLICY_B.alias, registered.version, args.lightgbm, model.numTrees), ...registered.ui];
  } finally {
    await closeTracking(ctx, status).catch(() => {});
    invocation.release();
  }
}
