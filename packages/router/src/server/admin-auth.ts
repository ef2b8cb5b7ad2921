import { timingSafeEqual } from 'node:crypto';
import { messages } from '../messages';
import { HttpError } from './http-errors';

/**
 * `/admin/*` guard: off (404) without a configured token; otherwise `Authorization: Bearer <token>`
 * compared in constant time, 401 with `WWW-Authenticate: Bearer` when missing or wrong.
 */
export function checkBearer(token: string | undefined, header: string | undefined): void {
  if (token === undefined || token === '') throw new HttpError('ENDPOINT_NOT_FOUND', messages.adminOff());
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  const given = Buffer.from(m?.[1] ?? '', 'utf8');
  const want = Buffer.from(token, 'utf8');
  // timingSafeEqual needs equal lengths; compare against itself on a mismatch to keep the time flat.
  const ok = given.length === want.length ? timingSafeEqual(given, want) : timingSafeEqual(want, want) && false;
  if (!ok) throw new HttpError('UNAUTHENTICATED', messages.adminUnauthenticated(), { headers: { 'www-authenticate': 'Bearer realm="abt-router admin"' } });
}
