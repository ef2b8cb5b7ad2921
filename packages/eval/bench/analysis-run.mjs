// One analysis in its own process (so its peak RSS is its own): prints {"seconds", "maxRssMB", "units"} as JSON.
// Usage: node analysis-run.mjs duckdb <exposures glob> <events glob> [memory limit] | postgres <url> <exposures table> <events table>
import { ANALYSIS_METRICS } from './analysis-data.mjs';
import { createDuckDbEngine, createPostgresEngine, parseMetricsFile, parseSource, runAnalysis } from '../dist/sql.js';

const [engineName, a, b, c] = process.argv.slice(2);
const spec = parseMetricsFile(ANALYSIS_METRICS, { file: 'bench-metrics.yaml' });
const engine = engineName === 'postgres' ? await createPostgresEngine({ connection: a }) : await createDuckDbEngine(c ? { memoryLimit: c } : {});
const sources =
  engineName === 'postgres'
    ? { exposures: parseSource('exposures', `table:${b}`), events: parseSource('events', `table:${c}`) }
    : { exposures: parseSource('exposures', a), events: parseSource('events', b) };
const t0 = performance.now();
const run = await runAnalysis(spec, sources, engine);
const seconds = (performance.now() - t0) / 1000;
await engine.close();
process.stdout.write(
  `${JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, units: run.readout.overall.units, pValue: run.readout.primary.pValue })}\n`,
);
