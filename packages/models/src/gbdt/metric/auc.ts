import type { Metric } from './metric';

/** ROC AUC with ties counted as one half (rank statistic); monotone transform not needed. */
export const aucMetric: Metric = {
  name: 'auc',
  higherIsBetter: true,
  evaluate(raw, labels) {
    const n = raw.length;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => raw[a]! - raw[b]!);
    let pos = 0;
    let neg = 0;
    let sumRanksPos = 0;
    for (let i = 0; i < n; ) {
      let j = i;
      let tiePos = 0;
      while (j < n && raw[order[j]!] === raw[order[i]!]) {
        if (labels[order[j]!]! > 0) tiePos++;
        j++;
      }
      const avgRank = (i + 1 + j) / 2;
      sumRanksPos += tiePos * avgRank;
      pos += tiePos;
      neg += j - i - tiePos;
      i = j;
    }
    if (pos === 0 || neg === 0) return 1;
    return (sumRanksPos - (pos * (pos + 1)) / 2) / (pos * neg);
  },
};
