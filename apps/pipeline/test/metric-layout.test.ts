import { describe, expect, it } from 'vitest';
import { foldSeries, headlineSegmentMetrics } from '../src/metric-layout';

describe('MLflow metric layout', () => {
  it('turns per-fold keys into steps of one key and keeps the seed’s mean/std keys', () => {
    const { flat, series } = foldSeries({
      A_LogReg_auc_mean: 0.7,
      A_LogReg_auc_std: 0.01,
      A_LogReg_auc_fold2: 0.71,
      A_LogReg_auc_fold1: 0.69,
      B_LGBM_logloss_fold1: 0.6,
    });
    expect(flat).toEqual({ A_LogReg_auc_mean: 0.7, A_LogReg_auc_std: 0.01 });
    expect(series).toEqual({
      A_LogReg_auc_fold: [
        [1, 0.69],
        [2, 0.71],
      ],
      B_LGBM_logloss_fold: [[1, 0.6]],
    });
  });

  it('keeps only the headline segments as metrics', () => {
    const kept = headlineSegmentMetrics({ test_cold_user_A_auc: 1, test_genre_drama_A_auc: 2, test_popular_n: 3, test_occupation_artist_B_brier: 4 });
    expect(kept).toEqual({ test_cold_user_A_auc: 1, test_popular_n: 3 });
  });
});
