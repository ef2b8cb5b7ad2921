import { EvalError } from '../errors';
import { messages } from '../messages';
import { toRng, type Rng } from '../random';
import { checkFinite, checkIntOption, checkSameLength, countPositives } from '../validate';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface RankingInput {
  /** User of each row. */
  readonly userIds: ArrayLike<number>;
  /** Model score of each row (higher = ranked first). */
  readonly scores: ArrayLike<number>;
  /** 1 when the row's item is relevant for its user, else 0. */
  readonly labels: ArrayLike<number>;
}

export interface RankingOptions {
  /** Cut-off K; default 10. */
  readonly k?: number;
  /**
   * Sampled-negatives protocol: rank each user's relevant rows against `count` of that user's
   * non-relevant rows drawn without replacement (all of them when fewer exist). Omit for full ranking.
   */
  readonly sampledNegatives?: { readonly count: number; readonly seed?: number | Rng };
}
const RANKING_INPUT_KEYS = keysOf<RankingInput>({ userIds: true, scores: true, labels: true });
const RANKING_OPTIONS = keysOf<RankingOptions>({ k: true, sampledNegatives: true });
const SAMPLED_NEGATIVES_KEYS = keysOf<NonNullable<RankingOptions['sampledNegatives']>>({ count: true, seed: true });

export interface UserRanking {
  readonly userId: number;
  readonly candidates: number;
  readonly relevant: number;
  readonly hitRate: number;
  readonly ndcg: number;
  readonly recall: number;
  readonly averagePrecision: number;
}

export interface RankingMetrics {
  readonly k: number;
  /** Users with at least one relevant row (the ones averaged). */
  readonly users: number;
  /** Users without any relevant row: metrics are undefined for them, so they are left out. */
  readonly skippedUsers: number;
  readonly hitRate: number;
  readonly ndcg: number;
  readonly recall: number;
  /** MAP@K: mean over users of AP@K = Σ_{relevant i ≤ K} precision@i / min(K, #relevant). */
  readonly map: number;
  readonly perUser: readonly UserRanking[];
}

/**
 * Per-user HR@K, NDCG@K (binary gains), Recall@K and MAP@K, averaged over users. Equal scores are
 * ordered pessimistically (non-relevant first) so a constant model cannot score by luck of order.
 */
export function rankingMetrics(input: RankingInput, options: RankingOptions = {}): RankingMetrics {
  checkArity('rankingMetrics', arguments, ['input', 'options']);
  checkKeys('rankingMetrics', 'input', input, RANKING_INPUT_KEYS);
  checkKeys('rankingMetrics', 'options', options, RANKING_OPTIONS);
  checkKeys('rankingMetrics', 'options.sampledNegatives', options.sampledNegatives, SAMPLED_NEGATIVES_KEYS);
  const { k = 10, sampledNegatives } = options;
  const where = 'rankingMetrics';
  checkIntOption(where, 'k', k, 1);
  checkSameLength(where, input.userIds, 'userIds', input.scores, 'scores');
  checkSameLength(where, input.userIds, 'userIds', input.labels, 'labels');
  countPositives(where, input.labels);
  checkFinite(where, input.scores, 'scores');
  checkFinite(where, input.userIds, 'userIds');
  let rng: Rng | undefined;
  if (sampledNegatives) {
    checkIntOption(where, 'sampledNegatives.count', sampledNegatives.count, 1);
    rng = toRng(sampledNegatives.seed, 0, 'rankingMetrics');
  }
  const rowsByUser = groupRows(input.userIds);
  const discount = new Float64Array(k);
  for (let i = 0; i < k; i++) discount[i] = 1 / Math.log2(i + 2);
  const perUser: UserRanking[] = [];
  let skipped = 0;
  for (const [userId, rows] of rowsByUser) {
    const rel = rows.filter((r) => input.labels[r] === 1);
    if (rel.length === 0) {
      skipped++;
      continue;
    }
    let negs = rows.filter((r) => input.labels[r] !== 1);
    if (rng && sampledNegatives && negs.length > sampledNegatives.count) negs = sampleWithoutReplacement(negs, sampledNegatives.count, rng);
    const cand = negs.concat(rel);
    // Stable sort, negatives listed first: ties go against the model.
    cand.sort((a, b) => input.scores[b]! - input.scores[a]!);
    let hits = 0;
    let dcg = 0;
    let apSum = 0;
    const top = Math.min(k, cand.length);
    for (let i = 0; i < top; i++) {
      if (input.labels[cand[i]!] === 1) {
        hits++;
        dcg += discount[i]!;
        apSum += hits / (i + 1);
      }
    }
    let idcg = 0;
    for (let i = 0; i < Math.min(k, rel.length); i++) idcg += discount[i]!;
    perUser.push({
      userId,
      candidates: cand.length,
      relevant: rel.length,
      hitRate: hits > 0 ? 1 : 0,
      ndcg: dcg / idcg,
      recall: hits / rel.length,
      averagePrecision: apSum / Math.min(k, rel.length),
    });
  }
  if (perUser.length === 0) throw new EvalError('UNDEFINED_METRIC', messages.noPositives(where, input.labels.length));
  const avg = (f: (u: UserRanking) => number) => perUser.reduce((s, u) => s + f(u), 0) / perUser.length;
  return {
    k,
    users: perUser.length,
    skippedUsers: skipped,
    hitRate: avg((u) => u.hitRate),
    ndcg: avg((u) => u.ndcg),
    recall: avg((u) => u.recall),
    map: avg((u) => u.averagePrecision),
    perUser,
  };
}

function groupRows(userIds: ArrayLike<number>): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (let i = 0; i < userIds.length; i++) {
    const u = userIds[i]!;
    let list = m.get(u);
    if (!list) m.set(u, (list = []));
    list.push(i);
  }
  return m;
}

/** Partial Fisher–Yates: the first `count` of a seeded shuffle, kept in row order. */
function sampleWithoutReplacement(rows: number[], count: number, rng: Rng): number[] {
  const a = rows.slice();
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng() * (a.length - i));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a.slice(0, count).sort((x, y) => x - y);
}
