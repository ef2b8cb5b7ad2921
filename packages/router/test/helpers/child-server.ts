// A router server in its own process, for the graceful-shutdown test. argv: <exposure file>.
import { createFileExposureLog, createMemoryPolicyLoader, routerSourceFromConfig } from '../../src/index';
import { serve } from '../../src/server/index';
import { routerConfig, standInPolicy } from './policies';

const file = process.argv[2] as string;
const loader = createMemoryPolicyLoader({
  'models:/movielens_ctr_ab@PolicyA': standInPolicy('PolicyA_LogReg', '1', 0),
  'models:/movielens_ctr_ab@PolicyB': standInPolicy('PolicyB_LightGBM', '2', 0.5),
});
// Long flush interval and small rotation size: shutdown, not the timer, must flush the tail.
// No file limit: a fast machine answers enough rows in the test's 1.5 s to fill any fixed count,
// and maxFiles then (rightly) drops the oldest lines the test counts.
const exposure = createFileExposureLog({ file, flushIntervalMs: 60_000, maxBytes: 256 * 1024, maxFiles: Number.POSITIVE_INFINITY });
const server = await serve({ source: routerSourceFromConfig(routerConfig, loader), pollIntervalMs: 0, exposure, port: 0 });
process.stdout.write(`${JSON.stringify({ address: server.address })}\n`);
