// Checks of a rendered report page in Chromium, shared by the eval and pipeline browser suites.
import type { Page } from 'playwright-core';

/** The window widths every chart must fit (a laptop, a desktop, a full-HD monitor). */
export const REPORT_WIDTHS = [1024, 1400, 1920] as const;

export interface ChartBox {
  readonly id: string;
  /** The container's content box (inside border and padding). */
  readonly container: { readonly left: number; readonly right: number };
  /** The chart's SVG, or null when none was drawn. */
  readonly chart: { readonly left: number; readonly right: number; readonly width: number } | null;
}

/** Each `[data-chart]` container's content box and its chart's bounding box, in CSS pixels. */
export function chartBoxes(page: Page): Promise<ChartBox[]> {
  return page.$$eval('[data-chart]', (els) =>
    els.map((el) => {
      const cs = el.ownerDocument.defaultView!.getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const svg = el.querySelector('svg');
      const s = svg?.getBoundingClientRect();
      return {
        id: el.getAttribute('data-chart') ?? '',
        container: {
          left: box.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft),
          right: box.right - parseFloat(cs.borderRightWidth) - parseFloat(cs.paddingRight),
        },
        chart: s ? { left: s.left, right: s.right, width: s.width } : null,
      };
    }),
  );
}

/** Charts that are missing or stick out of their container by more than half a pixel (subpixel rounding). */
export function overflowing(boxes: readonly ChartBox[]): string[] {
  return boxes
    .filter((b) => !b.chart || b.chart.left < b.container.left - 0.5 || b.chart.right > b.container.right + 0.5)
    .map((b) =>
      b.chart
        ? `${b.id}: chart ${b.chart.left.toFixed(1)}–${b.chart.right.toFixed(1)} outside ${b.container.left.toFixed(1)}–${b.container.right.toFixed(1)}`
        : `${b.id}: no chart`,
    );
}

/** Opens the report at `width` px and waits until vega has drawn every chart. */
export async function openReport(page: Page, url: string, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(url);
  await page.waitForSelector('body[data-charts-ready]', { timeout: 120_000 });
}
