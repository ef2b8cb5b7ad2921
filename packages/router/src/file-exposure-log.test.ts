import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { createFileExposureLog, type ExposureEvent, exposureLine, LogFormatError, parseExposureLine, readExposureLog } from './index';

const event = (i: number): ExposureEvent => ({
  time: Date.UTC(2026, 0, 1, 0, 0, i % 60),
  requestId: `req-${i}`,
  experiment: 'exp',
  hashAttribute: 'userId',
  hashVersion: 2,
  seed: 'exp',
  userId: i % 3 === 0 ? `user-${i}` : i,
  arm: i % 2 ? 'B' : 'A',
  variation: i % 2,
  source: 'hash',
  propensity: 0.5,
  inExperiment: true,
  items: [{ itemId: 10 + i, score: 0.25 }],
  modelUri: 'models:/movielens_ctr_ab@PolicyA',
  modelVersion: '3',
  instance: 'host:1',
});

const schema = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, '../schemas', name), 'utf8'));

describe('file exposure log (format v2)', () => {
  it('writes one v2 line per event, valid against the shipped JSON Schema, and flushes on close', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'abt-exposure-'));
    const file = path.join(dir, 'exposures.ndjson');
    const log = createFileExposureLog({ file, flushIntervalMs: 5 });
    for (let i = 0; i < 1000; i++) log.append(event(i));
    await log.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(1000);
    expect(JSON.parse(lines[7]!)).toEqual({ v: 2, ...event(7), time: '2026-01-01T00:00:07.000Z' });
    const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema('exposure-log-v2.schema.json'));
    for (const l of lines) expect(validate(JSON.parse(l)), JSON.stringify(validate.errors)).toBe(true);
    // The schema can fail: a line missing the request id is not v2.
    const { requestId: _, ...noRequestId } = JSON.parse(lines[0]!);
    expect(validate(noRequestId)).toBe(false);
    log.append(event(1));
    expect(log.stats()).toMatchObject({ appended: 1000, written: 1000, dropped: 1 });
  });

  it('readExposureLog reads v1 and v2 lines across rotated files, oldest first; malformed lines name file:line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'abt-exposure-'));
    const file = path.join(dir, 'x.ndjson');
    writeFileSync(
      `${file}.1`,
      `${JSON.stringify({ time: '2025-12-31T23:59:59.000Z', experiment: 'exp', userId: 5, arm: 'A', modelVersion: '1', inExperiment: false })}\n`,
    );
    writeFileSync(file, `${exposureLine(event(1))}${exposureLine(event(3))}{"v":2,"time":"2026`);
    const torn: string[] = [];
    const records = [];
    for await (const r of readExposureLog(file, { onTorn: (w) => torn.push(w) })) records.push(r);
    expect(records.map((r) => [r.v, r.userId, r.requestId])).toEqual([
      [1, 5, null],
      [2, 1, 'req-1'],
      [2, 'user-3', 'req-3'],
    ]);
    expect(records[0]).toMatchObject({ items: [], source: null, propensity: null, inExperiment: false });
    expect(torn).toEqual([`${file}:3`]);
    writeFileSync(file, `${exposureLine(event(1))}{"v":2,"time":"x"}\n`);
    const read = async () => {
      for await (const _ of readExposureLog(file)) void _;
    };
    await expect(read()).rejects.toSatisfy((e: unknown) => LogFormatError.isInstance(e) && e.where === `${file}:2`);
    expect(() => parseExposureLine('{"v":3}')).toThrow(/v must be 1 \(or absent\) or 2/);
    expect(() => parseExposureLine(JSON.stringify({ ...JSON.parse(exposureLine(event(2))), extra: 1 }))).toThrow(/extra must be absent/);
  });

  it('rotates by size without tearing lines and keeps maxFiles', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'abt-exposure-'));
    const file = path.join(dir, 'x.ndjson');
    const lineBytes = Buffer.byteLength(exposureLine(event(10)));
    const log = createFileExposureLog({ file, maxBytes: lineBytes * 50, maxFiles: 3, flushIntervalMs: 1, highWaterBytes: lineBytes * 7 });
    for (let i = 0; i < 400; i++) {
      log.append(event(10 + (i % 10)));
      if (i % 13 === 0) await log.flush();
    }
    await log.close();
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['x.ndjson', 'x.ndjson.1', 'x.ndjson.2', 'x.ndjson.3']);
    let total = 0;
    for (const f of files) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(lineBytes * 50);
      for (const l of text.trimEnd().split('\n')) expect(() => parseExposureLine(l)).not.toThrow();
      total += text.trimEnd().split('\n').length;
    }
    expect(log.stats().rotations).toBeGreaterThanOrEqual(7);
    expect(total).toBeLessThanOrEqual(200); // older files were dropped by maxFiles
    expect(total).toBeGreaterThan(150);
  });
});
