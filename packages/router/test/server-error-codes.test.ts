// One error-code ↔ HTTP table in the repo (issue 14.1, BRIEF contract 5): the server's codes are rows of
// @abt/tracking's CODE_TO_HTTP, reached through @abt/registry, and every status it answers comes from there.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CODE_TO_HTTP } from '@abt/registry';
import { describe, expect, it } from 'vitest';
import { MissingPeerError } from '../src/index';
import { messages } from '../src/messages';
import { SERVER_ERROR_CODES, wireStatuses } from '../src/server/http-errors';

const serverDir = path.join(import.meta.dirname, '../src/server');

/** Every error code the server's sources can answer with: codes given to HttpError, put in a body, or assigned to `code`. */
function codesInServerSources(): Set<string> {
  const found = new Set<string>();
  for (const file of readdirSync(serverDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const text = readFileSync(path.join(serverDir, file), 'utf8');
    for (const m of text.matchAll(/new HttpError\(\s*'([A-Z_]+)'|error_code:\s*'([A-Z_]+)'|\bcode(?::\s*WireErrorCode)?\s*=\s*(?:[^;]*?\?\s*)?'([A-Z_]+)'/g))
      found.add((m[1] ?? m[2] ?? m[3])!);
  }
  return found;
}

describe("the router server's error codes", () => {
  it('every code the server can send has a row in the shared table (@abt/registry CODE_TO_HTTP)', () => {
    const missing = SERVER_ERROR_CODES.filter((code) => !(code in CODE_TO_HTTP));
    expect(missing).toEqual([]);
  });

  it('every code written in the server sources is one of SERVER_ERROR_CODES (so the check above covers it)', () => {
    const found = codesInServerSources();
    expect(found.size).toBeGreaterThan(8); // the scan sees the codes at all
    expect([...found].filter((code) => !(SERVER_ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
  });

  it("keeps the statuses the server answered before the tables were merged (the table's rows for them)", () => {
    const wire = wireStatuses(CODE_TO_HTTP);
    expect(Object.fromEntries(SERVER_ERROR_CODES.map((c) => [c, wire.statusOf(c)]))).toEqual({
      BAD_REQUEST: 400,
      INVALID_PARAMETER_VALUE: 400,
      MALFORMED_REQUEST: 400,
      UNAUTHENTICATED: 401,
      ENDPOINT_NOT_FOUND: 404,
      METHOD_NOT_ALLOWED: 405,
      REQUEST_TIMEOUT: 408,
      PAYLOAD_TOO_LARGE: 413,
      UNSUPPORTED_MEDIA_TYPE: 415,
      REQUEST_HEADER_FIELDS_TOO_LARGE: 431,
      INTERNAL_ERROR: 500,
      RELOAD_FAILED: 500,
      SERVICE_UNAVAILABLE: 503,
    });
    // A status alone (a framework error) gets the status's general code.
    expect([400, 401, 404, 405, 408, 413, 415, 431, 500, 503, 406, 502].map((s) => wire.codeForStatus(s))).toEqual([
      'BAD_REQUEST',
      'UNAUTHENTICATED',
      'ENDPOINT_NOT_FOUND',
      'METHOD_NOT_ALLOWED',
      'REQUEST_TIMEOUT',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
      'REQUEST_HEADER_FIELDS_TOO_LARGE',
      'INTERNAL_ERROR',
      'SERVICE_UNAVAILABLE',
      'BAD_REQUEST',
      'INTERNAL_ERROR',
    ]);
  });

  it('an @abt/registry whose table lacks a server code is refused before serving, naming the code', () => {
    const { METHOD_NOT_ALLOWED: _dropped, ...older } = CODE_TO_HTTP;
    const error = (() => {
      try {
        wireStatuses(older);
      } catch (e) {
        return e;
      }
    })();
    expect(MissingPeerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ peer: '@abt/registry', subpath: '@abt/router/server', message: messages.noStatusForCode('METHOD_NOT_ALLOWED') });
  });
});
