import { TrackingError } from '../errors';
import { messages } from '../messages';

/** MLflow's SearchUtils page token: base64 of `{"offset": N}`. */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

export function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
  } catch {
    // fall through to the typed error
  }
  throw new TrackingError('INVALID_PARAMETER_VALUE', messages.badPageToken(token));
}
