// Preloaded into the benchmarked CLI: writes its peak RSS (kB) and CPU seconds to ABT_RSS_FILE at exit.
import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  if (!process.env.ABT_RSS_FILE) return;
  const u = process.resourceUsage();
  // maxRSS in kB; CPU of every thread (main, fit worker, histogram workers) in seconds.
  writeFileSync(process.env.ABT_RSS_FILE, JSON.stringify({ maxRSS: u.maxRSS, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
});
