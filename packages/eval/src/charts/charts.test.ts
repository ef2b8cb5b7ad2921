import { describe, expect, it } from 'vitest';
import {
  compareAB,
  createRng,
  evaluationCharts,
  containerSized,
  findChartFonts,
  histogramChartSpec,
  messages,
  metricDiffChartSpec,
  policyCurves,
  rasterizeSvg,
  renderSvg,
  rocChartSpec,
} from '../index';

function sample(n: number) {
  const rng = createRng(5);
  const labels: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = rng() < 0.55 ? 1 : 0;
    labels.push(y);
    a.push(Math.min(1, Math.max(0, 0.5 + (y - 0.5) * 0.4 + (rng() - 0.5) * 0.7)));
    b.push(Math.min(1, Math.max(0, 0.5 + (y - 0.5) * 0.2 + (rng() - 0.5) * 0.7)));
  }
  return { labels, a, b };
}

/** Dark pixels (any channel < 128) in the top `rows` pixel rows of an RGBA image. */
function darkPixelsInTopBand(img: { rgba: Uint8Array; width: number }, rows: number): number {
  let dark = 0;
  for (let i = 0; i < img.width * rows * 4; i += 4) if (img.rgba[i]! < 128 && img.rgba[i + 1]! < 128 && img.rgba[i + 2]! < 128) dark++;
  return dark;
}

describe('charts', () => {
  const { labels, a, b } = sample(1500);
  const curves = [policyCurves('A · LogReg', labels, a), policyCurves('B · LightGBM', labels, b)] as const;

  it('every chart compiles and renders to SVG with its title as text', async () => {
    const comparison = compareAB(labels, a, b, { nResamples: 50 });
    const specs = evaluationCharts({ comparison, curves });
    expect(Object.keys(specs)).toEqual(
      expect.arrayContaining([
        'auc_bar',
        'logloss_bar',
        'auc_diff',
        'pr_auc_diff',
        'logloss_diff',
        'brier_diff',
        'roc',
        'pr',
        'calibration',
        'lift',
        'cumulative_gain',
        'score_histogram',
      ]),
    );
    for (const [name, spec] of Object.entries(specs)) {
      const svg = await renderSvg(spec);
      const title = typeof spec.title === 'string' ? spec.title : spec.title!.text;
      expect(svg, name).toMatch(/^<svg/);
      expect(svg, name).toContain(`>${title.replace(/&/g, '&amp;')}</text>`);
      expect(svg, name).toMatch(/<path|<rect|<line/);
    }
  }, 60_000);

  it('PNG text is drawn: the title band is not blank with DejaVu Sans and blank without any font', async () => {
    const fonts = findChartFonts();
    // CI installs fonts-dejavu-core; without it this test must fail, not pass silently.
    expect(fonts.found, 'DejaVu Sans not found: install fonts-dejavu-core (or set ABT_FONT_DIR)').toBe(true);
    const spec = rocChartSpec(curves, 'TITLE REGION CHECK');
    const svg = await renderSvg(spec);
    const img = await rasterizeSvg(svg);
    expect(img.fontFiles.some((f) => f.endsWith('DejaVuSans.ttf'))).toBe(true);
    expect(Array.from(img.png.subarray(1, 4), (c) => String.fromCharCode(c)).join('')).toBe('PNG');
    // The title sits in the top ~30 CSS px (8 px padding + 15 px font), i.e. 60 pixel rows at scale 2.
    const withFont = darkPixelsInTopBand(img, 60);
    expect(withFont).toBeGreaterThan(200);
    const noFont = await rasterizeSvg(svg, { fontFiles: [], loadSystemFonts: false });
    expect(darkPixelsInTopBand(noFont, 60)).toBe(0);
  }, 60_000);

  it('warns clearly and falls back to system fonts when DejaVu Sans is missing', async () => {
    const warnings: string[] = [];
    const svg = await renderSvg(rocChartSpec(curves, 'fallback'));
    const saved = process.env.ABT_FONT_DIR;
    delete process.env.ABT_FONT_DIR;
    const img = await rasterizeSvg(svg, { fontDirs: ['/nonexistent-fonts'], warn: (m) => warnings.push(m) }).finally(() => {
      if (saved !== undefined) process.env.ABT_FONT_DIR = saved;
    });
    expect(img.fontFiles).toEqual([]);
    expect(warnings).toEqual([messages.fontFallback(['/nonexistent-fonts'])]);
  }, 60_000);

  it('the difference chart keeps zero and the whole interval in view, and says which side is better', () => {
    const comparison = compareAB(labels, a, b, { nResamples: 50 });
    for (const row of comparison.rows) {
      const spec = metricDiffChartSpec(row, ['A', 'B'], { alpha: comparison.alpha }) as unknown as {
        layer: { encoding: { x: { scale?: { domain: number[] } } } }[];
      };
      const domain = spec.layer.map((l) => l.encoding.x.scale?.domain).find(Boolean)!;
      expect(domain[0]).toBeLessThan(Math.min(0, row.diff.ciLow));
      expect(domain[1]).toBeGreaterThan(Math.max(0, row.diff.ciHigh));
      const text = JSON.stringify(spec);
      // Higher-is-better: a positive B − A is B's side; lower-is-better (log loss): A's.
      expect(text).toContain(row.higherIsBetter ? 'B better →' : 'A better →');
    }
  });

  it('histogram densities have area 1 per series, whatever the series size', () => {
    const small = policyCurves('small', labels.slice(0, 200), a.slice(0, 200));
    const spec = histogramChartSpec([curves[0], small], 'd', { density: true }) as unknown as {
      data: { values: { policy: string; lo: number; hi: number; density: number }[] };
    };
    for (const name of [curves[0].name, 'small']) {
      const area = spec.data.values.filter((v) => v.policy === name).reduce((s, v) => s + v.density * (v.hi - v.lo), 0);
      expect(area, name).toBeCloseTo(1, 12);
    }
  });

  it('container-sized specs take the page width; concatenated views are left as they are', () => {
    const roc = containerSized(rocChartSpec(curves));
    expect(roc).toMatchObject({ width: 'container', autosize: { type: 'fit-x', contains: 'padding' } });
    const concat = { $schema: roc.$schema, hconcat: [] };
    expect(containerSized(concat)).toBe(concat);
  });
});
