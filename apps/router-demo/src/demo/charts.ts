import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type ChartSpec, histogramChartSpec, prChartSpec, renderCharts, rocChartSpec } from '@abt/eval';
import type { ArmReport } from './arm-report';

/** Chart specs of the routed test rows, per arm: ROC and PR (AUCs in the legend) and score histograms. */
export function demoChartSpecs(reports: readonly ArmReport[]): Record<string, ChartSpec> {
  const withCurves = reports.flatMap((r) => (r.curves ? [{ ...r.curves, name: r.arm }] : []));
  if (withCurves.length === 0) return {};
  let rows = 0;
  let positives = 0;
  for (const r of reports) {
    rows += r.count;
    positives += (r.positiveRate ?? 0) * r.count;
  }
  return {
    router_roc: rocChartSpec(withCurves, 'ROC by arm (routed test rows)'),
    router_pr: prChartSpec(withCurves.map((c) => ({ ...c, ap: c.ap })), rows > 0 ? positives / rows : undefined, 'Precision–recall by arm (routed test rows)'),
    router_score_histogram: histogramChartSpec(withCurves, 'Score distribution by arm'),
  };
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
