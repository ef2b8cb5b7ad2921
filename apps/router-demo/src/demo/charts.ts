import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type ChartSpec, histogramChartSpec, prChartSpec, renderCharts, rocChartSpec } from '@abt/eval';
import type { ArmReport } from './arm-report';
import { pct } from './format-table';

/**
 * Chart specs of the routed test rows, per arm: ROC and PR (AUCs in the legend) and score densities.
 * Each arm is drawn on its own rows (its users, its base rate), so the charts say so, and the histograms are
 * densities (area 1 per arm): an arm with more rows would otherwise look taller, not different.
 */
export function demoChartSpecs(reports: readonly ArmReport[]): Record<string, ChartSpec> {
  const withCurves = reports.flatMap((r) => (r.curves ? [{ ...r.curves, name: r.arm }] : []));
  if (withCurves.length === 0) return {};
  let rows = 0;
  let positives = 0;
  for (const r of reports) {
    rows += r.count;
    positives += (r.positiveRate ?? 0) * r.count;
  }
  // Short subtitles: rendered without a canvas, vega over-estimates text width and a long one widens the image.
  return {
    router_roc: withSubtitle(rocChartSpec(withCurves, 'ROC by arm (routed test rows)'), 'each arm on its own rows'),
    router_pr: withSubtitle(
      prChartSpec(
        withCurves.map((c) => ({ ...c, ap: c.ap })),
        rows > 0 ? positives / rows : undefined,
        'Precision–recall by arm (routed test rows)',
      ),
      'each arm on its own rows · dashed: all rows',
    ),
    router_score_histogram: histogramChartSpec(withCurves, 'Score density by arm', { density: true }),
  };
}

/** "positive rate PolicyA 55.1 %, PolicyB 57.3 %" over the arms that got rows. */
export function baseRates(reports: readonly ArmReport[]): string {
  return `positive rate ${reports
    .filter((r) => r.positiveRate !== null)
    .map((r) => `${r.arm} ${pct(r.positiveRate!)}`)
    .join(', ')}`;
}

function withSubtitle(spec: ChartSpec, subtitle: string): ChartSpec {
  const text = typeof spec.title === 'string' ? spec.title : (spec.title?.text ?? '');
  return { ...spec, title: { text, subtitle } };
}

/** Renders every chart to `<dir>/<name>.svg` and `<dir>/<name>.png`; returns the written paths and the SVGs by name. */
export async function writeCharts(dir: string, specs: Readonly<Record<string, ChartSpec>>): Promise<{ files: string[]; svgs: Record<string, string> }> {
  await mkdir(dir, { recursive: true });
  const rendered = await renderCharts(specs);
  const files: string[] = [];
  const svgs: Record<string, string> = {};
  for (const [name, { svg, png }] of Object.entries(rendered)) {
    svgs[name] = svg;
    const svgFile = path.join(dir, `${name}.svg`);
    const pngFile = path.join(dir, `${name}.png`);
    await writeFile(svgFile, svg);
    await writeFile(pngFile, png);
    files.push(svgFile, pngFile);
  }
  return { files, svgs };
}
