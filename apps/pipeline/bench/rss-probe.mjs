// Preloaded into the benchmarked CLI: writes its peak RSS (kB) to ABT_RSS_FILE at exit.
import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  if (process.env.ABT_RSS_FILE) writeFileSync(process.env.ABT_RSS_FILE, String(process.resourceUsage().maxRSS));
});
