// The HistoryStore contract suite (@abt/router/testing) against both implementations: the
// in-process store with an events log, and Redis with a real redis-server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { createMemoryHistoryStore } from '../src/index';
import { createRedisHistoryStore } from '../src/redis/index';
import { historyStoreContract } from '../src/testing/index';
import { startRedisServer as startRedis } from '../src/testing/index';

const dir = mkdtempSync(path.join(tmpdir(), 'abt-history-'));

historyStoreContract(
  'in-process, events log',
  { describe, it, afterAll },
  {
    open: (backing) => createMemoryHistoryStore({ eventsLog: path.join(dir, `${backing}.ndjson`) }),
    shared: false,
    durable: true,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  },
);

const redis = await startRedis();
historyStoreContract(
  'Redis (real redis-server)',
  { describe, it, afterAll },
  {
    open: (backing) => createRedisHistoryStore({ url: redis.url, key: `abt:test:${backing}` }),
    shared: true,
    durable: true,
    cleanup: () => redis.dispose(),
  },
  { timeout: 20_000 },
);
