import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { packSharedViews, unpackSharedViews } from './shared-views';

/** Posts `message` to a worker that posts back what it received (two structured clones). */
function echo<T>(message: T): Promise<T> {
  const worker = new Worker("require('node:worker_threads').parentPort.once('message', (m) => require('node:worker_threads').parentPort.postMessage(m))", {
    eval: true,
  });
  return new Promise<T>((resolve, reject) => {
    worker.once('message', (m: T) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.postMessage(message);
  });
}

describe('packSharedViews / unpackSharedViews', () => {
  it('carries a view over more than 4 GiB of shared memory whole through a worker (structured clone alone cuts it modulo 2^32 bytes)', async () => {
    // pages never written are not resident: this costs a few MB, not 4 GiB
    const buffer = new SharedArrayBuffer(2 ** 32 + 64);
    const whole = new Float32Array(buffer);
    const tail = new Float64Array(buffer, 2 ** 32 + 8, 4);
    whole[whole.length - 1] = 7.5;
    const back = unpackSharedViews(await echo(packSharedViews({ data: { rows: 3, whole }, parts: [tail] })));
    expect(back.data.rows).toBe(3);
    expect(back.data.whole).toBeInstanceOf(Float32Array);
    expect(back.data.whole.length).toBe(2 ** 30 + 16);
    expect(back.data.whole[back.data.whole.length - 1]).toBe(7.5);
    expect(back.parts[0]).toBeInstanceOf(Float64Array);
    expect([back.parts[0]!.byteOffset, back.parts[0]!.length]).toEqual([2 ** 32 + 8, 4]);
    // the same memory, not a copy
    back.parts[0]![3] = 2.25;
    expect(tail[3]).toBe(2.25);
  });

  it('leaves views over ordinary buffers, class instances and messages without shared views as they are', () => {
    const local = new Float64Array([1, 2]);
    const date = new Date(0);
    const message = { local, date, nested: [1, 'a', { x: null }] };
    expect(packSharedViews(message)).toBe(message);
    expect(unpackSharedViews(message)).toBe(message);
    const shared = new Int32Array(new SharedArrayBuffer(8));
    const packed = packSharedViews({ local, shared });
    expect(packed.local).toBe(local);
    expect(packed.shared).not.toBeInstanceOf(Int32Array);
    expect(unpackSharedViews(packed).shared).toBeInstanceOf(Int32Array);
  });
});
