import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { messages } from '@abt/tracking';
import { bundlePackage, bundleWithoutPeers, cleanupChildren } from './support/child';

afterAll(() => cleanupChildren());

// better-sqlite3 is an optional peer: @abt/tracking loads, and its memory and REST stores work, without
// it; opening an SQLite database then is a MissingPeerError naming the package (pack-install checks the
// same with the real tarballs).
const SCRIPT = `
const out = {};
const mem = await abt.createTrackingStore('memory:');
const exp = await mem.createExperiment('alone');
out.memory = (await mem.getExperiment(exp)).name;
out.rest = (await abt.createTrackingStore('http://127.0.0.1:9')).constructor.name;
for (const [name, open] of [
  ['createTrackingStore', () => abt.createTrackingStore('sqlite:///' + process.argv[2] + '/a.db')],
  ['SqliteStore', () => new abt.SqliteStore('sqlite:///' + process.argv[2] + '/b.db')],
  ['openMlflowDatabase', () => abt.openMlflowDatabase(process.argv[2] + '/c.db')],
]) {
  try {
    const store = await open();
    out[name] = 'opened';
    await store.close();
  } catch (e) {
    out[name] = { name: e.name, code: e.code, peer: e.peer, feature: e.feature, message: e.message, isMissingPeer: abt.MissingPeerError.isInstance(e), isTracking: abt.TrackingError.isInstance(e), hasCause: e.cause !== undefined };
  }
}
console.log(JSON.stringify(out));
`;

function run(bundle: string): Record<string, unknown> {
  const file = join(dirname(bundle), 'script.mjs');
  writeFileSync(file, `import * as abt from ${JSON.stringify(bundle)};\n${SCRIPT}`);
  // pnpm's bin shims set NODE_PATH to its hoisted store (where better-sqlite3 is): a user's project has no such path.
  const env = { ...process.env, NODE_PATH: '' };
  return JSON.parse(
    execFileSync(process.execPath, [file, dirname(bundle)], { encoding: 'utf8', env })
      .trim()
      .split('\n')
      .pop()!,
  ) as Record<string, unknown>;
}

describe('better-sqlite3 is an optional peer of @abt/tracking', () => {
  it('without it: the package loads, memory and REST stores work, every way of opening SQLite is a MissingPeerError naming it', async () => {
    const out = run(await bundleWithoutPeers());
    expect(out.memory).toBe('alone');
    expect(out.rest).toBe('RestStore');
    const feature = 'the SQLite store (sqlite:///<path>.db)';
    for (const name of ['createTrackingStore', 'SqliteStore', 'openMlflowDatabase'])
      expect(out[name], name).toEqual({
        name: 'MissingPeerError',
        code: 'MISSING_PEER',
        peer: 'better-sqlite3',
        feature,
        message: messages.missingPeer('better-sqlite3', feature),
        isMissingPeer: true,
        isTracking: true,
        hasCause: true,
      });
  }, 60_000);

  it('with it installed, the same calls open SQLite databases', async () => {
    const out = run(await bundlePackage());
    expect(out).toMatchObject({ memory: 'alone', createTrackingStore: 'opened', SqliteStore: 'opened' });
    expect(out.openMlflowDatabase).toBe('opened');
  }, 60_000);
});
