import { describe, expect, it } from 'vitest';
import { TrackingError, messages, parseFilter, parseOrderBy } from '../index';
import { MODEL_VERSION_SEARCH, REGISTERED_MODEL_SEARCH, checkMaxResults, pageOf, parseFilter as parseWith, parseOrderBy as parseOrderByWith } from './index';

describe('parseFilter (MLflow filter subset)', () => {
  it('parses the common cases', () => {
    expect(parseFilter('metrics.x > 0.7')).toEqual([{ type: 'metric', key: 'x', op: '>', value: 0.7 }]);
    expect(parseFilter("params.a = '1'")).toEqual([{ type: 'param', key: 'a', op: '=', value: '1' }]);
    expect(parseFilter("tags.mlflow.runName = 'PolicyA_LogReg'")).toEqual([{ type: 'tag', key: 'mlflow.runName', op: '=', value: 'PolicyA_LogReg' }]);
    expect(parseFilter("attributes.status = 'FINISHED'")).toEqual([{ type: 'attribute', key: 'status', op: '=', value: 'FINISHED' }]);
    expect(parseFilter('metrics.auc>=0.5 and params.C != "1.0" AND attribute.start_time < 17')).toEqual([
      { type: 'metric', key: 'auc', op: '>=', value: 0.5 },
      { type: 'param', key: 'C', op: '!=', value: '1.0' },
      { type: 'attribute', key: 'start_time', op: '<', value: 17 },
    ]);
    expect(parseFilter('metrics.`valid auc` <= -1e-3')).toEqual([{ type: 'metric', key: 'valid auc', op: '<=', value: -0.001 }]);
    expect(parseFilter("tags.policy LIKE 'Pol%' AND run.run_name ILIKE '%lgbm%'")).toEqual([
      { type: 'tag', key: 'policy', op: 'LIKE', value: 'Pol%' },
      { type: 'attribute', key: 'run_name', op: 'ILIKE', value: '%lgbm%' },
    ]);
    expect(parseFilter("attributes.run_id IN ('a', 'b')")).toEqual([{ type: 'attribute', key: 'run_id', op: 'IN', value: ['a', 'b'] }]);
    expect(parseFilter("run_id NOT IN ('x')")).toEqual([{ type: 'attribute', key: 'run_id', op: 'NOT IN', value: ['x'] }]);
    expect(parseFilter('')).toEqual([]);
    expect(parseFilter(undefined)).toEqual([]);
  });

  it('rejects what MLflow rejects, with the position', () => {
    for (const bad of [
      "metrics.x > 'a'",
      'params.a = 1',
      'metrics.x > 1 OR metrics.y > 2',
      'foo.x = 1',
      "status IN ('FAILED')",
      "params.a IN ('1')",
      'metrics.x LIKE 1',
      'start_time LIKE 3',
      "attributes.nope = 'x'",
      'metrics.x >',
      'metrics.x > 1 AND',
      "tags.t = 'unterminated",
    ]) {
      expect(() => parseFilter(bad), bad).toThrow(TrackingError);
    }
    expect(() => parseFilter('metrics.x > 1 OR metrics.y > 2')).toThrow(/at position 14: expected 'AND'/);
  });
});

describe('parseOrderBy', () => {
  it('parses entity, key and direction', () => {
    expect(parseOrderBy(['metrics.auc DESC', 'params.`my key`', 'attributes.start_time asc', 'start_time'])).toEqual([
      { type: 'metric', key: 'auc', ascending: false },
      { type: 'param', key: 'my key', ascending: true },
      { type: 'attribute', key: 'start_time', ascending: true },
      { type: 'attribute', key: 'start_time', ascending: true },
    ]);
    expect(() => parseOrderBy(['metrics.auc SIDEWAYS'])).toThrow(TrackingError);
  });
});

describe('the registry grammars (MLflow SearchModelUtils / SearchModelVersionUtils)', () => {
  const fail = (m: string) => new TrackingError('INVALID_PARAMETER_VALUE', m);
  it('parses names, tags, lists and version numbers; refuses what MLflow refuses', () => {
    expect(parseWith("name LIKE 'movielens%' AND tags.arm = 'A'", REGISTERED_MODEL_SEARCH, fail)).toEqual([
      { type: 'attribute', key: 'name', op: 'LIKE', value: 'movielens%' },
      { type: 'tag', key: 'arm', op: '=', value: 'A' },
    ]);
    expect(parseWith("version_number = '3' AND run_id IN ('a')", MODEL_VERSION_SEARCH, fail)).toEqual([
      { type: 'attribute', key: 'version_number', op: '=', value: 3 },
      { type: 'attribute', key: 'run_id', op: 'IN', value: ['a'] },
    ]);
    for (const bad of ["NAME = 'x'", "attributes.name = 'x'", 'name = 3', "run_id = 'a'", "tags.k IN ('a')"]) {
      expect(() => parseWith(bad, REGISTERED_MODEL_SEARCH, fail), bad).toThrow(TrackingError);
    }
    expect(() => parseWith("source_path IN ('a')", MODEL_VERSION_SEARCH, fail)).toThrow(/only 'name', 'run_id' support IN/);
  });
  it('orders registered models as the SQL registry does (timestamp = last update; no duplicates)', () => {
    expect(parseOrderByWith(['timestamp DESC', 'name'], REGISTERED_MODEL_SEARCH, fail)).toEqual([
      { type: 'attribute', key: 'last_updated_timestamp', ascending: false },
      { type: 'attribute', key: 'name', ascending: true },
    ]);
    expect(() => parseOrderByWith(['timestamp', 'last_updated_timestamp'], REGISTERED_MODEL_SEARCH, fail)).toThrow(/duplicate/);
    expect(() => parseOrderByWith(['creation_timestamp'], REGISTERED_MODEL_SEARCH, fail)).toThrow(/unknown attribute/);
    expect(parseOrderByWith(['attribute.version_number desc'], MODEL_VERSION_SEARCH, fail)).toEqual([
      { type: 'attribute', key: 'version_number', ascending: false },
    ]);
  });
});

describe('pages', () => {
  const fail = (m: string) => new TrackingError('INVALID_PARAMETER_VALUE', m);
  it("uses MLflow's base64 {offset} tokens and checks max_results", () => {
    const first = pageOf([1, 2, 3], 2, undefined, fail);
    expect(first.items).toEqual([1, 2]);
    expect(JSON.parse(Buffer.from(first.nextPageToken!, 'base64').toString())).toEqual({ offset: 2 });
    expect(pageOf([1, 2, 3], 2, first.nextPageToken, fail)).toEqual({ items: [3] });
    expect(() => pageOf([1], 1, 'not-a-token', fail)).toThrow(messages.badPageToken('not-a-token'));
    expect(() => checkMaxResults(0, 10, fail)).toThrow(messages.badMaxResults(0, 10));
  });
});
