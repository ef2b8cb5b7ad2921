// A complete ReportModel from seeded synthetic MovieLens-like data (no Python, no MovieLens file),
// shared by the report unit test and the browser suite.
import {
  analyzeExperiment,
  analyzeSegments,
  aucMetric,
  compareAB,
  createRng,
  crossValidate,
  kFold,
  logLossMetric,
  onlineAbSection,
  policyCurves,
  summarizeArm,
  type OnlineAbSection,
  type ReportModel,
  type TimelinePoint,
} from '../../src/index';

const GENRES = [
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
  'unknown',
];

export async function exampleModel(n = 4000, seed = 42): Promise<ReportModel> {
  const rng = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const sig = (z: number) => 1 / (1 + Math.exp(-z));
  const trainUsers: number[] = [];
  const trainItems: number[] = [];
  for (let i = 0; i < 3 * n; i++) {
    trainUsers.push(1 + Math.floor(rng() ** 2 * 700));
    trainItems.push(1 + Math.floor(rng() ** 3 * 1500));
  }
  const userIds: number[] = [];
  const itemIds: number[] = [];
  const labels: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  const flags: number[] = [];
  const age: number[] = [];
  const gender: string[] = [];
  const occupation: string[] = [];
  const occupations = ['student', 'engineer', 'educator', 'writer', 'other'];
  for (let i = 0; i < n; i++) {
    const u = 1 + Math.floor(rng() * 943);
    const it = 1 + Math.floor(rng() ** 2 * 1682);
    const latent = gauss();
    const y = rng() < sig(0.2 + 1.2 * latent) ? 1 : 0;
    userIds.push(u);
    itemIds.push(it);
    labels.push(y);
    a.push(sig(0.2 + 0.9 * latent + 0.9 * gauss()));
    b.push(sig(0.15 + 0.8 * latent + 1.1 * gauss()));
    for (let g = 0; g < GENRES.length; g++) flags.push(rng() < (g === 7 || g === 4 ? 0.4 : 0.08) ? 1 : 0);
    age.push(7 + ((u * 13) % 66));
    gender.push(u % 3 === 0 ? 'F' : 'M');
    occupation.push(occupations[u % occupations.length]!);
  }
  const folds = kFold(labels, { k: 5, seed: 1 });
  const noisy = (scores: number[]) => (_train: Uint32Array, test: Uint32Array) => Array.from(test, (i) => scores[i]!);
  const cvA = await crossValidate({ folds, labels, metrics: [aucMetric, logLossMetric], fitPredict: noisy(a) });
  const cvB = await crossValidate({ folds, labels, metrics: [aucMetric, logLossMetric], fitPredict: noisy(b) });
  const positives = labels.reduce((s, y) => s + y, 0);
  return {
    title: 'Offline A/B evaluation — example',
    subtitle: 'Synthetic MovieLens-like data (seeded) · time split 80/10/10',
    generatedAt: '2026-01-01 00:00 UTC',
    policies: [
      { name: 'A · LogReg', description: 'elastic-net logistic regression' },
      { name: 'B · LightGBM', description: 'GBDT, 64 leaves' },
    ],
    comparison: compareAB(labels, a, b, { nResamples: 200, seed: 3 }),
    curves: [policyCurves('A · LogReg', labels, a), policyCurves('B · LightGBM', labels, b)],
    segments: analyzeSegments({
      train: { userIds: trainUsers, itemIds: trainItems },
      eval: { userIds, itemIds, labels, genres: { names: GENRES, flags }, demographics: { age, gender, occupation } },
      scoresA: a,
      scoresB: b,
    }),
    cv: { a: cvA, b: cvB, description: '5-fold stratified CV (seed 1), each fold scored by models trained on the other four.' },
    data: {
      rows: [
        { split: 'train', rows: 3 * n, users: new Set(trainUsers).size, items: new Set(trainItems).size },
        { split: 'test', rows: n, positives, users: new Set(userIds).size, items: new Set(itemIds).size, note: 'label: rating ≥ 4' },
      ],
      notes: ['Synthetic data for the example; the pipeline fills this from ml-100k.'],
    },
  };
}

/**
 * A seeded online experiment (per-user conversions and a per-user mean metric over dated looks, with a
 * pre-period covariate) as the report's online section, like the pipeline's replay produces.
 */
export function exampleOnline(users = 600, seed = 4): OnlineAbSection {
  const rng = createRng(seed);
  const arm = (lift: number) => {
    const activity: number[] = [];
    const conv: number[] = [];
    const ndcg: number[] = [];
    for (let i = 0; i < users; i++) {
      const a = Math.floor(rng() * 40);
      activity.push(a);
      conv.push(rng() < Math.min(0.9, (0.12 + a * 0.006) * (1 + lift)) ? 1 : 0);
      // Mostly explained by pre-period activity: CUPED removes much of its variance.
      ndcg.push(Math.min(1, (rng() * 0.15 + a * 0.015) * (1 + lift / 4)));
    }
    return { activity, conv, ndcg };
  };
  const a = arm(0);
  const b = arm(0.12);
  const looks = 12;
  const timeline = (va: number[], vb: number[]): TimelinePoint[] =>
    Array.from({ length: looks }, (_, k) => {
      const n = Math.round((users * (k + 1)) / looks);
      return { at: `2026-01-${String(k + 1).padStart(2, '0')}`, a: summarizeArm(va.slice(0, n)), b: summarizeArm(vb.slice(0, n)) };
    });
  const primaryTimeline = timeline(a.conv, b.conv);
  const names = ['A · LogReg', 'B · LightGBM'] as const;
  const primary = analyzeExperiment(
    { metric: 'conversion', a: { values: a.conv, covariate: a.activity }, b: { values: b.conv, covariate: b.activity }, timeline: primaryTimeline },
    { tuningN: 2 * users },
  );
  const ndcg = analyzeExperiment(
    { metric: 'NDCG@10', a: { values: a.ndcg, covariate: a.activity }, b: { values: b.ndcg, covariate: b.activity }, timeline: timeline(a.ndcg, b.ndcg) },
    { tuningN: 2 * users },
  );
  const section = onlineAbSection([primary, ndcg], primaryTimeline, { names });
  return { ...section, notes: ['Synthetic experiment for the example: 12 daily looks.'] };
}
