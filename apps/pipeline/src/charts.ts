import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderCharts, type ChartSpec } from '@abt/eval';
import type { ActiveRun } from '@abt/tracking';

const CHARTS_DIR = 'charts';

/**
 * Renders vega-lite specs to SVG and PNG, writes them (and the spec JSON) under `<out>/charts`, and logs
 * them as artifacts of `run` under `charts/`. Returns the output paths relative to `out`.
 */
export async function publishCharts(out: string, run: ActiveRun, charts: Readonly<Record<string, ChartSpec>>): Promise<string[]> {
  const dir = path.join(out, CHARTS_DIR);
  await mkdir(dir, { recursive: true });
  const rendered = await renderCharts(charts);
  const written: string[] = [];
  for (const [name, { svg, png }] of Object.entries(rendered)) {
    await writeFile(path.join(dir, `${name}.svg`), svg);
    await writeFile(path.join(dir, `${name}.png`), png);
    await writeFile(path.join(dir, `${name}.vl.json`), JSON.stringify(charts[name]));
    await run.logArtifact(path.join(dir, `${name}.png`), 'charts');
    await run.logArtifact(path.join(dir, `${name}.svg`), 'charts');
    await run.logArtifact(path.join(dir, `${name}.vl.json`), 'charts');
    written.push(path.join(CHARTS_DIR, `${name}.png`));
  }
  return written;
}

/** Writes a JSON result under `<out>/results` and returns its path relative to `out`. */
export async function writeResult(out: string, name: string, value: unknown): Promise<string> {
  const dir = path.join(out, 'results');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${name}.json`), JSON.stringify(value, typedArraysAsArrays, 2));
  return path.join('results', `${name}.json`);
}

/** JSON.stringify writes a Float64Array as an object keyed by index; results must read back as arrays. */
export function typedArraysAsArrays(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value;
}
