import { describe, expect, it } from 'vitest';
import { CODE_TO_HTTP, HTTP_TO_CODE, InvalidOptionError, MissingPeerError, TrackingError, messages } from './index';

describe('TrackingError', () => {
  it("maps MLflow's codes to HTTP statuses and back (MLflow's table)", () => {
    expect(CODE_TO_HTTP.RESOURCE_DOES_NOT_EXIST).toBe(404);
    expect(CODE_TO_HTTP.RESOURCE_ALREADY_EXISTS).toBe(400);
    expect(CODE_TO_HTTP.INVALID_PARAMETER_VALUE).toBe(400);
    expect(CODE_TO_HTTP.REQUEST_LIMIT_EXCEEDED).toBe(429);
    expect(HTTP_TO_CODE[400]).toBe('BAD_REQUEST');
    expect(HTTP_TO_CODE[404]).toBe('ENDPOINT_NOT_FOUND');
    expect(HTTP_TO_CODE[503]).toBe('TEMPORARILY_UNAVAILABLE');
    expect(HTTP_TO_CODE[429]).toBe('RESOURCE_EXHAUSTED');
    expect(HTTP_TO_CODE[401]).toBe('UNAUTHENTICATED');
    expect(HTTP_TO_CODE[502]).toBeUndefined(); // abt-side codes never come back from a status
  });

  it('round-trips through MLflow JSON', () => {
    const e = new TrackingError('RESOURCE_DOES_NOT_EXIST', "Run 'x' not found.");
    const back = TrackingError.fromResponseBody(JSON.stringify(e), e.httpStatus);
    expect(back.code).toBe(e.code);
    expect(back.message).toBe(e.message);
    expect(back.httpStatus).toBe(404);
  });

  it('falls back to the status for unknown codes and non-JSON bodies', () => {
    // MLflow's HTTP_STATUS_TO_ERROR_CODE is a dict comprehension: the last code listed for 409 wins.
    expect(TrackingError.fromResponseBody({ error_code: 'SOMETHING_NEW', message: 'm' }, 409).code).toBe('ALREADY_EXISTS');
    expect(TrackingError.fromResponseBody({ message: 'm' }, 418).code).toBe('INTERNAL_ERROR');
    expect(TrackingError.fromResponseBody('<html>', 502, 'GET http://x').message).toBe('GET http://x: <html>');
  });

  it('is recognised across duplicate installs by its Symbol.for marker', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('@abt/tracking/TrackingError')]: true, code: 'INTERNAL_ERROR' });
    expect(TrackingError.isInstance(foreign)).toBe(true);
    expect(TrackingError.isInstance(new Error('x'))).toBe(false);
    expect(TrackingError.isInstance(null)).toBe(false);
    // Another package's error with the same code is not a TrackingError (its own marker only).
    const registryLike = Object.assign(new Error('x'), { [Symbol.for('@abt/registry/RegistryError')]: true, code: 'INTERNAL_ERROR' });
    expect(TrackingError.isInstance(registryLike)).toBe(false);
  });

  it('InvalidOptionError is a TrackingError with its own marker; a TrackingError is not an InvalidOptionError', () => {
    const cause = new Error('root cause');
    const e = new InvalidOptionError('TrackingClient.logMetric', { kind: 'option', key: 'stepp', where: 'argument 4' }, 'm', { cause });
    expect(TrackingError.isInstance(e)).toBe(true);
    expect(InvalidOptionError.isInstance(e)).toBe(true);
    expect(InvalidOptionError.isInstance(new TrackingError('INVALID_PARAMETER_VALUE', 'm'))).toBe(false);
    expect((e as unknown as Record<symbol, unknown>)[Symbol.for('@abt/tracking/InvalidOptionError')]).toBe(true);
    expect(e).toMatchObject({ code: 'INVALID_PARAMETER_VALUE', fn: 'TrackingClient.logMetric', key: 'stepp', where: 'argument 4', position: undefined, cause });
  });

  it('MissingPeerError is a TrackingError with its own marker; InvalidOptionError and MissingPeerError are not each other', () => {
    const cause = new Error("Cannot find module 'better-sqlite3'");
    const e = new MissingPeerError('better-sqlite3', 'the SQLite store', messages.missingPeer('better-sqlite3', 'the SQLite store'), { cause });
    const option = new InvalidOptionError('f', { kind: 'argument', position: 2 }, 'm');
    expect([TrackingError.isInstance(e), MissingPeerError.isInstance(e), InvalidOptionError.isInstance(e)]).toEqual([true, true, false]);
    expect(MissingPeerError.isInstance(option)).toBe(false);
    expect(MissingPeerError.isInstance(new TrackingError('MISSING_PEER', 'm'))).toBe(false);
    expect(e).toMatchObject({ name: 'MissingPeerError', code: 'MISSING_PEER', httpStatus: 500, peer: 'better-sqlite3', feature: 'the SQLite store', cause });
    expect(e.message).toContain('npm install better-sqlite3');
  });

  it('takes cause in its optional last argument, and sets none when absent', () => {
    const cause = new Error('root cause');
    expect(new TrackingError('SCHEMA_MISMATCH', 'm', { cause }).cause).toBe(cause);
    expect('cause' in new TrackingError('SCHEMA_MISMATCH', 'm')).toBe(false);
  });
});
