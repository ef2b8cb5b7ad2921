import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileExposureLog, exposureLine } from './index';

const event = (i: number) => ({ time: Date.UTC(2026, 0, 1, 0, 0, i % 60), experiment: 'exp', userId: i, arm: i % 2 ? 'B' : 'A', modelVersion: '3', inExperiment: true });

describe('file exposure log', () => {
  it('writes one parseable NDJSON line per event and flushes on close', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'abt-exposure-'));
    const file = path.join(dir, 'exposures.ndjson');
    const log = createFileExposureLog({ file, flushIntervalMs: 5 });
    for (let i = 0; i < 1000; i++) log.append(event(i));
    await log.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(1000);
    expect(JSON.parse(lines[7]!)).toEqual({ time: '2026-01-01T00:00:07.000Z', experiment: 'exp', userId: 7, arm: 'B', modelVersion: '3', inExperiment: true });
    log.append(event(1));
    expect(log.stats()).toMatchObject({ appended: 1000, written: 1000, dropped: 1 });
  });

  it('rotates by size without tearing lines and keeps maxFiles', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'abt-exposure-'));
    const file = path.join(dir, 'x.ndjson');
    const lineBytes = Buffer.byteLength(exposureLine(event(10)));
    const log = createFileExposureLog({ file, maxBytes: lineBytes * 50, maxFiles: 3, flushIntervalMs: 1, highWaterBytes: lineBytes * 7 });
    for (let i = 0; i < 400; i++) {
      log.append(event(10 + (i % 80)));
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
      for (const l of text.trimEnd().split('\n')) expect(() => JSON.parse(l)).not.toThrow();
      total += text.trimEnd().split('\n').length;
    }
    expect(log.stats().rotations).toBeGreaterThanOrEqual(7);
    expect(total).toBeLessThanOrEqual(200); // older files were dropped by maxFiles
    expect(total).toBeGreaterThan(150);
  });
});
