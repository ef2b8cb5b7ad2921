import { existsSync } from 'node:fs';
import { messages } from '../messages';
import { checkArity } from '../check-args';

/** Where Debian (fonts-dejavu-core), Fedora, Arch, Alpine and macOS keep DejaVu Sans. */
export const FONT_SEARCH_DIRS = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu',
  '/usr/share/fonts/TTF',
  '/usr/share/fonts/dejavu-sans-fonts',
  '/usr/local/share/fonts',
  '/Library/Fonts',
] as const;

const FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

export interface ChartFonts {
  /** Font files handed to resvg; empty when none was found. */
  readonly files: readonly string[];
  /** True when DejaVu Sans was found; otherwise resvg falls back to system fonts. */
  readonly found: boolean;
}

/**
 * Finds DejaVu Sans (regular + bold) explicitly: resvg draws text only with fonts it is given, and
 * "whatever the machine has" differs between laptops and CI. `ABT_FONT_DIR` is searched first.
 */
export function findChartFonts(env: Record<string, string | undefined> = process.env, searchDirs: readonly string[] = FONT_SEARCH_DIRS): ChartFonts {
  checkArity('findChartFonts', arguments, ['env', 'searchDirs']);
  const dirs = [env.ABT_FONT_DIR, ...searchDirs].filter((d): d is string => !!d);
  for (const dir of dirs) {
    const files = FILES.map((f) => `${dir}/${f}`).filter((f) => existsSync(f));
    if (files.some((f) => f.endsWith('/DejaVuSans.ttf'))) return { files, found: true };
  }
  return { files: [], found: false };
}

/** The warning logged when falling back to system fonts. */
export function fontFallbackWarning(searchDirs: readonly string[] = FONT_SEARCH_DIRS): string {
  return messages.fontFallback([...searchDirs]);
}
