// The benchmark's server process: a router over two stand-in policies, with a file exposure log.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFileExposureLog, RouterModel } from '../dist/index.js';
import { serve } from '../dist/server.js';
import { standInPolicy } from './stand-in-policies.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'abt-router-bench-'));
const router = RouterModel.create({
  experiment: { key: 'movielens_ctr_ab', arms: [{ name: 'A' }, { name: 'B' }] },
  policies: { A: standInPolicy('PolicyA', '1', 1), B: standInPolicy('PolicyB', '2', 2) },
});
const exposure = createFileExposureLog({ file: path.join(dir, 'exposures.ndjson') });
const server = await serve({ router, exposure, port: 0, pollIntervalMs: 0 });
process.stdout.write(`${JSON.stringify({ address: server.address, exposureDir: dir })}\n`);
