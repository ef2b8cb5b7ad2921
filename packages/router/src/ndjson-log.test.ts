import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNdjsonLog } from './index';

// Lines are encoded into chunk buffers as they are appended; these pin that the bytes on disk are
// the appended text exactly, across chunk boundaries, multi-byte characters and rotation inside one batch.
describe('NDJSON log', () => {
  it('writes exactly the appended lines, whole, rotating inside a batch; multi-byte and chunk-sized lines included', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'abt-ndjson-'));
    const file = path.join(dir, 'log.ndjson');
    const maxBytes = 100_000;
    const log = createNdjsonLog({ file, maxBytes, maxFiles: Number.POSITIVE_INFINITY, flushIntervalMs: 60_000, highWaterBytes: 1 << 30, fsync: false });
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const body = i % 500 === 7 ? 'x'.repeat(70_000) : i % 3 === 0 ? `ünïcødé ✓ 😀 ${i}` : `plain ${i}`;
      lines.push(`${JSON.stringify({ i, body })}\n`);
    }
    log.append(lines.slice(0, 1000)); // one batch that crosses maxBytes several times
    for (const l of lines.slice(1000, 2000)) log.append(l);
    await log.write();
    log.append(lines.slice(2000));
    await log.close();
    const names = readdirSync(dir).sort((a, b) => (Number(b.split('.').at(-1)) || 0) - (Number(a.split('.').at(-1)) || 0));
    const texts = names.map((n) => readFileSync(path.join(dir, n), 'utf8'));
    expect(texts.join('')).toBe(lines.join(''));
    for (const t of texts) {
      expect(t.endsWith('\n')).toBe(true);
      expect(Buffer.byteLength(t) <= maxBytes || t.split('\n').length === 2).toBe(true);
    }
    expect(names.length).toBeGreaterThan(3);
    expect(log.stats()).toMatchObject({ appended: 3000, written: 3000, dropped: 0 });
  });
});
