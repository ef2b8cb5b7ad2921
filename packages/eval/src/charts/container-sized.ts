import { checkArity } from '../check-args';
import type { ChartSpec } from './spec';

/**
 * The spec for an HTML page: as wide as its container, axes, legend and title included (vega-lite's
 * `width: "container"` with `autosize: fit-x` over the padding), so no chart is cut off whatever the
 * window width. Heights stay as designed. Concatenated, faceted and repeated views cannot take a
 * container width and are returned unchanged, as are the fixed-size specs the PNG renderer uses.
 */
export function containerSized(spec: ChartSpec): ChartSpec {
  checkArity('containerSized', arguments, ['spec']);
  if (['hconcat', 'vconcat', 'concat', 'facet', 'repeat'].some((k) => k in spec)) return spec;
  return { ...spec, width: 'container', autosize: { type: 'fit-x', contains: 'padding', resize: true } };
}
