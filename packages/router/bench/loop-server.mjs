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
const history =
  store === 'memory' ? createMemoryHistoryStore({ eventsLog }) : createRedisHistoryStore({ url: store, key: `abt:bench:${process.pid}`, eventsLog });
const router = RouterModel.create({ experiment: { key: 'movielens_ctr_ab', arms: [{ name: 'A' }, { name: 'B' }] }, policies: trainRealPolicies() });
const exposure = createFileExposureLog({ file: path.join(dir, 'exposures.ndjson') });
const server = await serve({ router, exposure, history, port: 0, pollIntervalMs: 0, maxEvents: 20_000 });
process.stdout.write(`${JSON.stringify({ address: server.address })}\n`);

// With ABT_BENCH_PROFILE_DIR set (`pnpm bench router --profile-server <dir>`): SIGUSR2 starts a CPU
// profile of this process, the next SIGUSR2 writes it to <dir>/predict.cpuprofile and prints
// {profiled: file}. The bench brackets the /predict runs with them, so training and /feedback stay out.
const profileDir = process.env.ABT_BENCH_PROFILE_DIR;
if (profileDir) {
  const { Session } = await import('node:inspector/promises');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  let running = false;
  process.on('SIGUSR2', async () => {
    if (!running) {
      running = true;
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      return;
    }
    running = false;
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(profileDir, { recursive: true });
    const file = path.join(profileDir, 'predict.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    process.stdout.write(`${JSON.stringify({ profiled: file })}\n`);
  });
}
