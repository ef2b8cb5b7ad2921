import { describe, expect, it } from 'vitest';
import { InvalidUriError, UnsafePathError, checkRelativePath, localPathOf, parseModelUri, parseRunsUri, parseUri, resolveInside } from '../index.js';

describe('parseModelUri', () => {
  it.each([
    ['models:/movielens_ctr_ab/3', { kind: 'version', name: 'movielens_ctr_ab', version: '3' }],
    ['models:/movielens_ctr_ab@PolicyB', { kind: 'alias', name: 'movielens_ctr_ab', alias: 'PolicyB' }],
    ['models:/m-0123456789abcdef0123456789abcdef', { kind: 'logged-model', modelId: 'm-0123456789abcdef0123456789abcdef' }],
    ['models:/movielens_ctr_ab/latest', { kind: 'latest', name: 'movielens_ctr_ab' }],
    ['models:/movielens_ctr_ab/Production', { kind: 'stage', name: 'movielens_ctr_ab', stage: 'Production' }],
  ])('%s', (uri, expected) => {
    expect(parseModelUri(uri)).toEqual(expected);
  });

  it.each([
    'models:/',
    'models:',
    'models://profile/name/1',
    'models:/name/1/extra',
    'models:/name/',
    'models:/@alias',
    'models:/name@',
    'models:/plainname',
    'runs:/abc/model',
    'models:/../1',
    'models:/name#frag/1',
  ])('rejects %s with InvalidUriError', (uri) => {
    const err = (() => {
      try {
        parseModelUri(uri);
      } catch (e) {
        return e;
      }
    })();
    expect(InvalidUriError.isInstance(err)).toBe(true);
    expect((err as InvalidUriError).code).toBe('INVALID_PARAMETER_VALUE');
    expect((err as InvalidUriError).uri).toBe(uri);
  });
});

describe('parseRunsUri', () => {
  it('parses run id and path', () => {
    expect(parseRunsUri('runs:/0123abc/model/sub')).toEqual({ kind: 'runs', runId: '0123abc', path: 'model/sub' });
    expect(parseRunsUri('runs:/0123abc')).toEqual({ kind: 'runs', runId: '0123abc', path: '' });
  });
  it.each([
    'runs:/',
    'runs://host/abc/model',
    'runs:/abc/../../etc/passwd',
    'runs:/abc/%2e%2e/%2e%2e/etc',
    'runs:/abc/%252e%252e%252fetc',
    'runs:/abc/..\\..\\etc',
    'runs:/abc/model#/../../x',
    'runs:/abc/model;/../x',
    'runs:/abc/model%00',
  ])('rejects %s', (uri) => {
    expect(() => parseRunsUri(uri)).toThrow(InvalidUriError);
  });
});

describe('parseUri classifies artifact locations', () => {
  it('treats file:, scheme-less and //host forms as local', () => {
    expect(parseUri('/tmp/mlruns/0/abc/artifacts/model')).toMatchObject({ kind: 'artifact', location: 'local' });
    expect(parseUri('file:///tmp/x')).toMatchObject({ kind: 'artifact', location: 'local', scheme: 'file' });
    expect(parseUri('//proc/self/root')).toMatchObject({ kind: 'artifact', location: 'local' });
    expect(parseUri('C:/Windows')).toMatchObject({ kind: 'artifact', location: 'local' });
    expect(parseUri('mlflow-artifacts:/0/abc/artifacts/model')).toMatchObject({ kind: 'artifact', location: 'remote', scheme: 'mlflow-artifacts' });
  });
  it.each(['http:///#/../../etc/', 'mlflow-artifacts:/0/..%2f..%2fetc', 'file:///tmp/../etc', '/a/b\\..\\c'])('rejects %s', (uri) => {
    expect(() => parseUri(uri)).toThrow(InvalidUriError);
  });
  it('localPathOf accepts absolute local forms only', () => {
    expect(localPathOf('file:///tmp/x')).toBe('/tmp/x');
    expect(localPathOf('file://localhost/tmp/x')).toBe('/tmp/x');
    expect(localPathOf('/tmp/x')).toBe('/tmp/x');
    // As MLflow's local_file_uri_to_path: `//x/y` and relative paths are local paths (containment decides).
    expect(localPathOf('//proc/self/root')).toBe('/proc/self/root');
    expect(localPathOf('relative/path')).toBe('relative/path');
    expect(localPathOf('file:///tmp/a%20b')).toBe('/tmp/a b');
    expect(localPathOf('/tmp/50%off')).toBe('/tmp/50%off');
    expect(() => localPathOf('file://evil.example/etc')).toThrow(/host/);
    expect(() => localPathOf('C:/Windows')).toThrow(/drive/);
  });
});

describe('checkRelativePath / resolveInside (MLflow CVE checklist)', () => {
  it.each([
    ['../etc/passwd', "'..'"],
    ['a/../../b', "'..'"],
    ['..\\..\\etc', 'backslash'],
    ['%2e%2e%2fetc', "'..'"],
    ['%252e%252e%252fetc', "'..'"],
    ['a#/../b', "'#'"],
    ['a;/../b', "';'"],
    ['/etc/passwd', 'absolute'],
    ['C:/Windows', 'drive'],
    ['c:\\x', 'backslash'],
    ['a\u0000b', 'control'],
    ['a\nb', 'control'],
    ['file:/etc/passwd', 'scheme'],
  ])('rejects %j (%s)', (p, why) => {
    let err: unknown;
    try {
      checkRelativePath(p);
    } catch (e) {
      err = e;
    }
    expect(UnsafePathError.isInstance(err)).toBe(true);
    expect(String((err as Error).message).toLowerCase()).toContain(why.toLowerCase());
  });
  it('normalizes harmless forms and keeps results inside the root', () => {
    expect(checkRelativePath('./model//MLmodel')).toBe('model/MLmodel');
    expect(checkRelativePath('')).toBe('');
    // A '%' that starts no escape is a plain character (Python's unquote), as MLflow accepts it.
    expect(checkRelativePath('data/50%off.csv')).toBe('data/50%off.csv');
    expect(checkRelativePath('a%20b')).toBe('a%20b');
    expect(resolveInside('/tmp/root', 'a/b')).toBe('/tmp/root/a/b');
    expect(() => resolveInside('/tmp/root', '../root2/x')).toThrow(UnsafePathError);
  });
});
