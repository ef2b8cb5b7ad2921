import { checkArity, checkKeys, keysOf } from '../check-args';
import { esc } from './html';
import { pageHtml } from './page';
import { onlineSection } from './sections';
import type { OnlineAbSection } from './types';

export interface OnlineReportOptions {
  /** Page title; default the section's title. */
  readonly title?: string;
  readonly subtitle?: string;
  /** Timestamp text; injected (no clock is read) so the same input gives the same bytes. */
  readonly generatedAt?: string;
}

/**
 * A self-contained HTML page with only the online A/B section (the same layout, charts and styles as
 * {@link renderReport}'s online section), for an experiment analysed from its exposures and events.
 */
export function renderOnlineReport(section: OnlineAbSection, options: OnlineReportOptions = {}): string {
  checkArity('renderOnlineReport', arguments, ['section', 'options']);
  checkKeys('renderOnlineReport', 'options', options, keysOf<OnlineReportOptions>({ title: true, subtitle: true, generatedAt: true }));
  const online = onlineSection(section);
  const charts = Object.fromEntries(Object.entries(section.charts ?? {}).map(([k, spec]) => [`online_${k}`, spec]));
  const heading = section.title ?? 'Online A/B test';
  return pageHtml({
    title: options.title ?? heading,
    ...(options.subtitle ? { subtitle: options.subtitle } : {}),
    toc: [['online', heading]],
    sections: [`<section id="online"><h2>${esc(heading)}</h2>${online.html}</section>`],
    charts,
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
  });
}
