import { EvalError } from '../errors';
import { messages } from '../messages';
import { findChartFonts, fontFallbackWarning } from './fonts';
import { CHART_FONT, type ChartSpec } from './spec';
import { checkArity, checkKeys, keysOf } from '../check-args';

/** Compiles vega-lite → vega and renders headless to an SVG string (no canvas, no browser). */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  checkArity('renderSvg', arguments, ['spec']);
  const name = chartName(spec);
  try {
    const [vl, vega] = await Promise.all([import('vega-lite'), import('vega')]);
    const compiled = vl.compile(spec as never).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
    try {
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  } catch (e) {
    throw new EvalError('RENDER_FAILED', messages.renderFailed(name, e instanceof Error ? e.message : String(e)), { cause: e });
  }
}

export interface PngOptions {
  /** Font files for text; default DejaVu Sans found by `findChartFonts()`. */
  readonly fontFiles?: readonly string[];
  /** Also load the machine's fonts (default: only when no explicit font was found). */
  readonly loadSystemFonts?: boolean;
  /** Pixel density; default 2. */
  readonly scale?: number;
  /** Where to look for DejaVu Sans (after `ABT_FONT_DIR`); default `FONT_SEARCH_DIRS`. */
  readonly fontDirs?: readonly string[];
  /** Receives the fallback warning when no DejaVu Sans is found; default `console.warn`. */
  readonly warn?: (message: string) => void;
}
const PNG_OPTIONS = keysOf<PngOptions>({ fontFiles: true, loadSystemFonts: true, scale: true, fontDirs: true, warn: true });

export interface RasterImage {
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** Raw RGBA pixels, row-major (tests use them to check that text was drawn). */
  readonly rgba: Uint8Array;
  /** Font files that were passed to resvg. */
  readonly fontFiles: readonly string[];
}

/** Rasterizes an SVG with @resvg/resvg-js and explicit font files. */
export async function rasterizeSvg(svg: string, options: PngOptions = {}): Promise<RasterImage> {
  checkArity('rasterizeSvg', arguments, ['svg', 'options']);
  checkKeys('rasterizeSvg', 'options', options, PNG_OPTIONS);
  const { scale = 2, warn = console.warn } = options;
  let fontFiles = options.fontFiles;
  let loadSystemFonts = options.loadSystemFonts;
  if (!fontFiles) {
    const found = findChartFonts(process.env, options.fontDirs);
    fontFiles = found.files;
    if (!found.found) {
      warn(fontFallbackWarning(options.fontDirs));
      loadSystemFonts ??= true;
    }
  }
  try {
    const { Resvg } = await import('@resvg/resvg-js');
    const r = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: scale },
      background: 'white',
      font: { fontFiles: [...fontFiles], loadSystemFonts: loadSystemFonts ?? false, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
    });
    const img = r.render();
    return { png: new Uint8Array(img.asPng()), width: img.width, height: img.height, rgba: new Uint8Array(img.pixels), fontFiles };
  } catch (e) {
    throw new EvalError('RENDER_FAILED', messages.renderFailed('svg', e instanceof Error ? e.message : String(e)), { cause: e });
  }
}

/** vega-lite spec → PNG bytes. */
export async function renderPng(spec: ChartSpec, options: PngOptions = {}): Promise<Uint8Array> {
  checkArity('renderPng', arguments, ['spec', 'options']);
  checkKeys('renderPng', 'options', options, PNG_OPTIONS);
  return (await rasterizeSvg(await renderSvg(spec), options)).png;
}

/** Renders a set of named charts to SVG and PNG, ready to be logged as run artifacts (`<name>.svg`, `<name>.png`). */
export async function renderCharts(
  charts: Readonly<Record<string, ChartSpec>>,
  options: PngOptions = {},
): Promise<Record<string, { svg: string; png: Uint8Array }>> {
  checkArity('renderCharts', arguments, ['charts', 'options']);
  checkKeys('renderCharts', 'options', options, PNG_OPTIONS);
  const out: Record<string, { svg: string; png: Uint8Array }> = {};
  for (const [name, spec] of Object.entries(charts)) {
    const svg = await renderSvg(spec);
    out[name] = { svg, png: (await rasterizeSvg(svg, options)).png };
  }
  return out;
}

function chartName(spec: ChartSpec): string {
  const t = spec.title;
  return typeof t === 'string' ? t : (t?.text ?? 'untitled');
}
