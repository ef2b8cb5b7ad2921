// Repeated measurements for the model benchmarks: each figure is the median of REPEATS runs
// (default 3, BENCH_REPEATS), printed with its min and max; ratios compare medians.

export const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 3));

/** Median, min and max of the values. */
export function summarize(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return { median: s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2, min: s[0], max: s[s.length - 1], n: s.length };
}

/** Runs `fn` REPEATS times; returns every result. */
export function repeat(fn, n = REPEATS) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(fn(i));
  return out;
}

/** `12.34 s [11.90–13.02]`: the median with min–max, `d` decimals. */
export function show(s, unit = 's', d = 2) {
  return `${s.median.toFixed(d)}${unit ? ` ${unit}` : ''} [${s.min.toFixed(d)}–${s.max.toFixed(d)}]`;
}

/** The load average, for the header of every benchmark. */
export function loadLine(os) {
  return `cpus: ${os.cpus().length}, load average: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}, ${REPEATS} runs per figure (median [min–max])`;
}
