/** A vega-lite (v6) top-level spec as plain JSON. Typed loosely so @abt/eval's API does not leak vega-lite's types. */
export interface ChartSpec {
  readonly $schema: string;
  readonly title?: string | { readonly text: string; readonly subtitle?: string };
  readonly [key: string]: unknown;
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The font every chart names; PNG rendering loads exactly this family (DejaVu Sans, see fonts.ts). */
export const CHART_FONT = 'DejaVu Sans';

/** Colours of policy A and B everywhere (tableau10 blue / orange), then neutrals. */
export const POLICY_COLORS = ['#4C78A8', '#F58518', '#54A24B', '#B279A2', '#9D755D'] as const;

/** Shared look: white background, one font, quiet grid, legend at the bottom. */
function baseConfig(): Record<string, unknown> {
  return {
    font: CHART_FONT,
    background: 'white',
    padding: 8,
    title: { fontSize: 15, fontWeight: 'bold', anchor: 'start', color: '#1f2933', subtitleColor: '#52606d', subtitleFontSize: 11, offset: 10 },
    axis: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleColor: '#323f4b',
      labelColor: '#52606d',
      gridColor: '#e4e7eb',
      domainColor: '#9aa5b1',
      tickColor: '#9aa5b1',
    },
    legend: { orient: 'bottom', labelFontSize: 11, titleFontSize: 11, symbolStrokeWidth: 3, labelLimit: 400, columns: 1 },
    view: { stroke: '#cbd2d9' },
    range: { category: [...POLICY_COLORS] },
  };
}

/** Wraps the body of a chart with schema, title, size and the shared config. */
export function chart(title: string, body: Record<string, unknown>, options: { width?: number; height?: number; subtitle?: string } = {}): ChartSpec {
  const { width = 420, height = 320, subtitle } = options;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitle ? { text: title, subtitle } : title,
    width,
    height,
    config: baseConfig(),
    ...body,
  };
}

/** Keeps at most `max` points (first and last always), so curves of millions of rows stay small. */
export function downsample<T>(points: readonly T[], max = 400): T[] {
  if (points.length <= max) return points.slice();
  const out: T[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)]!);
  return out;
}

/** Colour scale pinned to the series names in the given order, so A is always blue and B orange. */
export function policyColor(names: readonly string[]): Record<string, unknown> {
  return { scale: { domain: [...names], range: POLICY_COLORS.slice(0, Math.max(1, names.length)) }, legend: { title: null } };
}

export const fmt = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : String(v));

/** p-values as people read them: 'p < 0.0001' instead of 'p = 0.0000'. */
export const fmtP = (p: number) => (p < 1e-4 ? 'p < 0.0001' : `p = ${fmt(p, 4)}`);
