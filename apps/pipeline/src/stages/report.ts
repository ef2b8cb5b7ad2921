import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { onlineEvidence, renderReport, type AbReadout, type OnlineAbSection, type ReportModel } from '@abt/eval';
import type { Stage, StageContext } from '../stage';
import { mlflowUiLines, stageRun, trackingUriOf } from '../tracking';
import { POLICY_A, POLICY_B, type PolicySpec } from '../policies';

const REPORT_FILE = 'report.html';
const OPTIONAL = ['segments', 'cv', 'simulate'] as const;

async function readResult<T>(ctx: StageContext, name: string): Promise<T | undefined> {
  const file = path.join(ctx.out, 'results', `${name}.json`);
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as T) : undefined;
}

/** Everything the earlier stages measured, as one self-contained HTML page (and a run artifact). */
export const reportStage: Stage = {
  name: 'report',
  title: 'report: self-contained HTML report',
  needs: ['prepare', 'eval', 'curves'],
  // Optional sections: the report is current only while the stages it shows have not rerun.
  inputs: (ctx) => ({ optional: OPTIONAL.map((s) => ctx.state.get(s)?.finishedAt ?? null), tracking: trackingUriOf(ctx) }),
  async run(ctx) {
    const model = await reportModel(ctx);
    const html = renderReport(model);
    const file = path.join(ctx.out, REPORT_FILE);
    await writeFile(file, html);
    const ui = await stageRun(ctx, 'Report', { 'abt.stage': 'report' }, async (run, t) => {
      await run.logArtifact(file);
      return mlflowUiLines(t.uri, t.experiment.experimentId);
    });
    return { outputs: [REPORT_FILE], summary: { file, lines: [`report: ${file}`, ...ui] } };
  },
};

async function reportModel(ctx: StageContext): Promise<ReportModel> {
  const prep = ctx.state.get('prepare')!.summary as {
    format: string;
    source: string;
    split: Record<'train' | 'valid' | 'test', { rows: number; users: number; movies: number; positiveRate: number }>;
    coldUserRate?: unknown;
  };
  const comparison = (await readResult<ReportModel['comparison']>(ctx, 'comparison'))!;
  const curves = (await readResult<ReportModel['curves']>(ctx, 'curves'))!;
  const segments = await readResult<NonNullable<ReportModel['segments']>>(ctx, 'segments');
  const cv = await readResult<{ name: string; cv: NonNullable<ReportModel['cv']>['a'] }[]>(ctx, 'cv');
  const online = await readResult<{ section?: OnlineAbSection; primary?: AbReadout }>(ctx, 'online');
  const split = prep.split;
  return {
    title: 'abt — A/B evaluation of two recommendation policies',
    subtitle: `${prep.format} (${path.basename(prep.source)}), chronological 80/10/10 split, ${ctx.options.features} features (${ctx.options.evalHistory} history for valid/test), seed ${ctx.options.seed}`,
    generatedAt: `${new Date().toISOString().replace('T', ' ').slice(0, 19)} UTC`,
    policies: [policyOf(POLICY_A), policyOf(POLICY_B)],
    comparison,
    curves,
    ...(segments ? { segments } : {}),
    ...(cv && cv.length === 2
      ? {
          cv: {
            a: cv[0]!.cv,
            b: cv[1]!.cv,
            description: `${ctx.options.cvFolds}-fold held-out cross-validation (${ctx.options.cvStrategy}) on the train split: every fold refits the features and both models on the other folds.`,
          },
        }
      : {}),
    data: {
      rows: (['train', 'valid', 'test'] as const).map((s) => ({
        split: s,
        rows: split[s].rows,
        positives: Math.round(split[s].rows * split[s].positiveRate),
        users: split[s].users,
        items: split[s].movies,
      })),
    },
    ...(online?.section ? { online: withPrimaryReadout(online.section, online.primary) } : {}),
  };
}

/** "Policy A" in headings and the decision; the registry alias and the model in the pill. */
function policyOf(p: PolicySpec): ReportModel['policies'][number] {
  const model = p.title.replace(/^Policy [AB] \((.*)\)$/, '$1');
  return { name: `Policy ${p.key}`, description: `${model} · movielens_ctr_ab@${p.alias}, router arm ${p.alias}` };
}

/** An online.json written before sections carried their readout still gets a decision: from its `primary`. */
function withPrimaryReadout(section: OnlineAbSection, primary: AbReadout | undefined): OnlineAbSection {
  const [first, ...rest] = section.metrics ?? [];
  if (!first || first.readout || !primary) return section;
  return { ...section, metrics: [{ ...first, readout: onlineEvidence(primary) }, ...rest] };
}
