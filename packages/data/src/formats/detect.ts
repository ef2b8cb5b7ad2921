import type { MovieLensFormat } from '../tables';
import type { FileSource } from '../io/source';
import { DataFormatError } from '../errors';
import { messages as msg } from '../messages';

/** The member that identifies each format. */
const MARKERS: readonly { file: string; format: MovieLensFormat }[] = [
  { file: 'u.data', format: 'ml-100k' },
  { file: 'ratings.dat', format: 'ml-1m' },
  { file: 'ratings.csv', format: 'ml-latest' },
];

/** Which format a source holds and under which folder prefix ('' or 'ml-100k/'). */
export function detectFormat(source: FileSource): { format: MovieLensFormat; prefix: string } {
  let best: { format: MovieLensFormat; prefix: string; depth: number } | undefined;
  for (const member of source.list()) {
    const slash = member.lastIndexOf('/');
    const base = member.slice(slash + 1);
    const marker = MARKERS.find((m) => m.file === base);
    if (!marker) continue;
    const depth = member.split('/').length;
    if (!best || depth < best.depth) best = { format: marker.format, prefix: member.slice(0, slash + 1), depth };
  }
  if (!best) throw new DataFormatError('unknown-format', source.label, 0, undefined, msg.unknownFormat(source.label));
  return { format: best.format, prefix: best.prefix };
}
