// The served-loop benchmark's server process: real policies (a dense FeatureSpec with
// LogisticRegression and GBDT, trained on ml-100k-sized synthetic data), feedback on through a
// history store (argv[2]: `memory`, or a redis:// URL), an events log and an exposure log in the
// directory argv[3]. Prints {address} once listening.
import path from 'node:path';
import { createFileExposureLog, createMemoryHistoryStore, RouterModel } from '../dist/index.js';
import { createRedisHistoryStore } from '../dist/redis.js';
import { serve } from '../dist/server.js';
import { trainRealPolicies } from './real-policies.mjs';

const [store, dir] = process.argv.slice(2);
const eventsLog = path.join(dir, 'events.ndjson');
const history = store === 'memory' ? createMemoryHistoryStore({ eventsLog }) : createRedisHistoryStore({ url: store, key: `abt:bench:${process.pid}`, eventsLog });
const router = RouterModel.create({ experiment: { key: 'movielens_ctr_ab', arms: [{ name: 'A' }, { name: 'B' }] }, policies: trainRealPolicies() });
const exposure = createFileExposureLog({ file: path.join(dir, 'exposures.ndjson') });
const server = await serve({ router, exposure, history, port: 0, pollIntervalMs: 0, maxEvents: 20_000 });
process.stdout.write(`${JSON.stringify({ address: server.address })}\n`);
