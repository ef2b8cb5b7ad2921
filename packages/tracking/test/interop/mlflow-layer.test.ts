import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TrackingError } from '@abt/tracking';
import {
  ABT_ERROR_CODES,
  CODE_TO_HTTP,
  HTTP_TO_CODE,
  MLFLOW_ERROR_CODES,
  MODEL_VERSION_SEARCH,
  REGISTERED_MODEL_SEARCH,
  RUN_SEARCH,
  codeForHttpStatus,
  errorBody,
  httpStatusForCode,
  locationProblem,
  parseErrorBody,
  parseFilter,
  relativePathProblem,
  unquote,
  type FilterClause,
  type SearchGrammar,
} from '@abt/tracking/mlflow';
import { LOCATION_CASES, TRAVERSAL_CASES } from '@abt/tracking/testing';
import { PYTHON, runInterop } from './env';

// The shared MLflow layer against the installed MLflow 3.17.2 itself: path verdicts, source checks,
// percent-decoding, the error-code table and the search-filter grammar.
const PROBE = join(fileURLToPath(new URL('.', import.meta.url)), 'python', 'mlflow_layer_probe.py');

function probe<T>(command: string, args: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON!, [PROBE, command, JSON.stringify(args)], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`mlflow_layer_probe ${command} failed: ${err.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()!) as T);
    });
  });
}

// abt-side codes that are also MLflow ErrorCode names, with a status MLflow's table does not give them
// (MLflow's get_http_status_code says 500 for a code its table leaves out): the router's server answers
// MALFORMED_REQUEST for a body that is not JSON, a client's mistake, so 400 (MLflow itself never raises it).
const DEVIATIONS: Record<string, { abt: number; mlflow: number }> = { MALFORMED_REQUEST: { abt: 400, mlflow: 500 } };

type Verdict<V = unknown> = { ok: true; value: V } | { ok: false; error: string; message: string };
const invalid = (m: string) => new TrackingError('INVALID_PARAMETER_VALUE', m);

describe.skipIf(!runInterop)('the MLflow layer agrees with MLflow 3.17.2', () => {
  it("gives every traversal case MLflow's own verdict (validate_path_is_safe), and is stricter only where the table says why", async () => {
    const got = await probe<Verdict[]>('paths', { paths: TRAVERSAL_CASES.map((c) => c.path) });
    TRAVERSAL_CASES.forEach((c, i) => {
      const mlflow = got[i]!.ok ? 'accept' : 'reject';
      expect({ case: c.name, mlflow }).toEqual({ case: c.name, mlflow: c.mlflow });
      expect({ case: c.name, abt: relativePathProblem(c.path) === undefined ? 'accept' : 'reject' }).toEqual({ case: c.name, abt: c.abt });
      // abt never accepts what MLflow refuses; it refuses more only with a stated reason.
      if (c.mlflow === 'reject') expect(c.abt, c.name).toBe('reject');
      expect(c.stricter !== undefined, c.name).toBe(c.abt === 'reject' && c.mlflow === 'accept');
    });
    expect(TRAVERSAL_CASES.find((c) => c.path === 'data/50%off.csv')).toMatchObject({ abt: 'accept', mlflow: 'accept' });
  });

  it("checks remote model-version sources as MLflow's server does (_validate_non_local_source_contains_relative_paths)", async () => {
    const cases = LOCATION_CASES.filter((c) => c.mlflow !== undefined);
    const got = await probe<Verdict[]>('sources', { sources: cases.map((c) => c.uri) });
    cases.forEach((c, i) => {
      expect({ case: c.name, mlflow: got[i]!.ok ? 'accept' : 'reject' }).toEqual({ case: c.name, mlflow: c.mlflow });
      expect({ case: c.name, abt: locationProblem(c.uri) === undefined ? 'accept' : 'reject' }).toEqual({ case: c.name, abt: c.abt });
    });
  });

  it("percent-decodes exactly as Python's urllib.parse.unquote (seeded random texts)", async () => {
    const parts = [
      '%',
      '2',
      'e',
      'E',
      'f',
      '5',
      'c',
      'a',
      'Z',
      '/',
      '.',
      '..',
      'é',
      '%2e',
      '%2E',
      '%2f',
      '%25',
      '%C3',
      '%A9',
      '%c3%a9',
      '%e2%82',
      '%ac',
      '%ff',
      '%0',
      '%00',
      '%zz',
      '50%off',
      ' ',
      '+',
    ];
    let seed = 20_241_217;
    const rand = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
    const texts = Array.from({ length: 600 }, () =>
      Array.from({ length: 1 + Math.floor(rand() * 8) }, () => parts[Math.floor(rand() * parts.length)]).join(''),
    );
    const expected = await probe<string[]>('unquote', { texts });
    texts.forEach((t, i) => expect(unquote(t), JSON.stringify(t)).toBe(expected[i]));
  });

  it("holds MLflow's error-code table both ways and round-trips error bodies through MLflow's client", async () => {
    const mlflowBodies = MLFLOW_ERROR_CODES.map((code) => errorBody(code, `abt says ${code}`));
    const out = await probe<{
      enum: string[];
      to_http: Record<string, number>;
      status_to_code: Record<string, string>;
      inverse: Record<string, string>;
      sent: Record<string, { body: { error_code: string; message: string }; status: number }>;
      received: Record<string, { error_code: string; message: string }>;
    }>('codes', { codes: Object.keys(CODE_TO_HTTP), bodies: mlflowBodies });
    // Forward: exactly MLflow's ERROR_CODE_TO_HTTP_STATUS, plus abt's codes, none an MLflow ErrorCode name
    // except the deviations below (with the reason and the status MLflow would give).
    expect(Object.fromEntries(MLFLOW_ERROR_CODES.map((c) => [c, CODE_TO_HTTP[c]]))).toEqual(out.to_http);
    for (const code of ABT_ERROR_CODES) if (!(code in DEVIATIONS)) expect(out.enum, code).not.toContain(code);
    for (const [code, { mlflow }] of Object.entries(DEVIATIONS))
      expect({ code, inEnum: out.enum.includes(code), mlflow: out.to_http[code] ?? 500 }).toEqual({ code, inEnum: true, mlflow });
    for (const code of out.enum) expect(httpStatusForCode(code), code).toBe(DEVIATIONS[code]?.abt ?? out.to_http[code] ?? 500);
    // Backward: HTTP_STATUS_TO_ERROR_CODE and get_error_code for every status.
    expect(Object.fromEntries(Object.entries(HTTP_TO_CODE).map(([s, c]) => [s, c]))).toEqual(out.inverse);
    for (const [status, code] of Object.entries(out.status_to_code)) expect(codeForHttpStatus(Number(status)), status).toBe(code);
    // MLflow → abt: the body and status MLflow's server would send come back as the same code and message.
    for (const [code, { body, status }] of Object.entries(out.sent)) {
      expect(parseErrorBody(JSON.stringify(body), status)).toEqual({ code, message: body.message });
      // The status on the wire is kept (it differs from abt's table only for the DEVIATIONS).
      expect(TrackingError.fromResponseBody(JSON.stringify(body), status)).toMatchObject({ code, message: body.message, httpStatus: status });
      expect(status, code).toBe(code in DEVIATIONS ? DEVIATIONS[code]!.mlflow : CODE_TO_HTTP[code as keyof typeof CODE_TO_HTTP]);
    }
    // abt → MLflow: MLflow's RestException reads abt's bodies with the same code.
    for (const body of mlflowBodies)
      expect(out.received[body.error_code], body.error_code).toEqual({ error_code: body.error_code, message: `${body.error_code}: ${body.message}` });
  });

  // Filters abt refuses on purpose although MLflow parses them (abt implements MLflow's common subset).
  const NOT_IMPLEMENTED = new Set(['tags.t IS NULL', "datasets.name = 'x'", "`run name` = 'x'", "name = 'it''s'"]);
  const FILTERS: Record<string, { grammar: SearchGrammar; filters: string[] }> = {
    runs: {
      grammar: RUN_SEARCH,
      filters: [
        'metrics.x > 0.7',
        "params.a = '1'",
        "params.a IN ('1')",
        "attributes.status IN ('FINISHED')",
        "run_id IN ('a', 'b')",
        "attributes.run_id NOT IN ('a')",
        'created > 3',
        'Created > 3',
        'attr.start_time >= 1',
        "run.status = 'X'",
        "status = 'X'",
        "attributes.run_name = 'x'",
        "metrics.x = '1'",
        'params.a = "b"',
        'metrics.`a b` > 1',
        'METRICS.x > 1',
        'metrics.x > -1e-3',
        "tags.t like 'a%'",
        "params.a = 'x' and metrics.y < 2",
        "tags.mlflow.runName = 'PolicyA_LogReg'",
        "tags.`my tag` ILIKE '%A%'",
        'params.a = 1',
        'metrics.x > 1 OR metrics.y > 2',
        "start_time LIKE '3'",
        "attributes.nope = 'x'",
        'metrics.x >',
        'tags.t IS NULL',
        "datasets.name = 'x'",
        "`run name` = 'x'",
        "foo.x = 'y'",
        'status = 3',
      ],
    },
    'registered models': {
      grammar: REGISTERED_MODEL_SEARCH,
      filters: [
        "name = 'x'",
        "name LIKE 'movielens%'",
        "name ILIKE 'X%'",
        "name != 'x'",
        "name IN ('a', 'b')",
        "name NOT IN ('a')",
        "tags.a = 'b'",
        "tag.a = 'b'",
        "tags.`a b` LIKE 'y%'",
        "name = 'x' AND tags.a = 'b'",
        "attribute.name = 'x'",
        "attributes.name = 'x'",
        "NAME = 'x'",
        'name = 3',
        "run_id = 'a'",
        'creation_timestamp > 3',
        "tags.k IN ('a')",
        'tags.a = 1',
        "name = 'x' OR name = 'y'",
        "name = 'it''s'",
      ],
    },
    'model versions': {
      grammar: MODEL_VERSION_SEARCH,
      filters: [
        "name = 'x'",
        'version_number = 3',
        "version_number = '3'",
        'version_number > 2',
        "run_id IN ('a', 'b')",
        "source_path = 'models:/m-1'",
        "source_path IN ('a')",
        "NAME = 'x'",
        "tag.x = 'y'",
        'tags."a b" = \'y\'',
        'name = "x"',
        "name like 'x%'",
        "run_id = 'r' AND name IN ('a', 'b')",
        "attributes.name = 'x'",
        'version_number IN (1, 2)',
        'tags.a = 1',
        "name = 'x' OR name = 'y'",
        'name = 3',
      ],
    },
  };

  for (const [what, { grammar, filters }] of Object.entries(FILTERS)) {
    it(`parses ${what} filters as MLflow's search utilities do (verdict and clauses)`, async () => {
      const got = await probe<Verdict<{ type: string; key: string; comparator: string; value: unknown }[]>[]>('filters', { what, filters });
      filters.forEach((filter, i) => {
        const py = got[i]!;
        let ours: FilterClause[] | undefined;
        try {
          ours = parseFilter(filter, grammar, invalid);
        } catch (err) {
          expect(TrackingError.isInstance(err), filter).toBe(true);
        }
        if (!py.ok) return expect(ours, `${filter}: MLflow refuses it (${py.message})`).toBeUndefined();
        if (NOT_IMPLEMENTED.has(filter)) return expect(ours, `${filter}: outside abt's subset`).toBeUndefined();
        expect(ours, `${filter}: MLflow accepts it`).toBeDefined();
        const pyClauses = py.value.map((c) => ({
          type: c.type === 'parameter' ? 'param' : c.type,
          key: c.type === 'attribute' ? (grammar.attributes[c.key]?.key ?? c.key) : c.key,
          op: c.comparator === '<>' ? '!=' : c.comparator,
          // MLflow keeps metric values as text and casts numeric attributes later (int(value)).
          value: c.type === 'metric' || (c.type === 'attribute' && grammar.attributes[c.key]?.kind === 'numeric') ? Number(c.value) : c.value,
        }));
        expect(ours, filter).toEqual(pyClauses);
      });
    });
  }
});
