import type { LabeledRatings } from '@abt/data';
import type { RouterDescription, RouterPredictions } from '@abt/router';
import type { ArmReport } from './arm-report';
import { formatTable, num, pct } from './format-table';

/** The N sampled rows: who was routed where, by which model version, with which score. */
export function assignmentTable(rows: Int32Array, test: LabeledRatings, predictions: RouterPredictions): string[] {
  const body = Array.from(rows, (i, k) => [
    String(k + 1),
    String(test.userId[i]),
    String(test.movieId[i]),
    new Date((test.timestamp[i] as number) * 1000).toISOString().slice(0, 10),
    String(test.label[i]),
    predictions.assigned[i] as string,
    predictions.modelVersion[i] as string,
    num(predictions.score[i] as number),
  ]);
  return formatTable(['#', 'userId', 'movieId', 'date', 'label', 'arm', 'version', 'score'], body);
}

/** Share, mean score and offline metrics per arm, over every routed test row. */
export function armTable(reports: readonly ArmReport[]): string[] {
  return formatTable(
    ['arm', 'model', 'weight', 'users', 'user share', 'rows', 'row share', 'mean score', 'positive rate', 'ROC AUC', 'PR AUC'],
    reports.map((r) => [
      r.arm,
      `${r.uri} v${r.modelVersion}`,
      pct(r.weight),
      r.users.toLocaleString('en-US'),
      pct(r.userShare),
      r.count.toLocaleString('en-US'),
      pct(r.share),
      num(r.meanScore),
      r.positiveRate === null ? 'n/a' : pct(r.positiveRate),
      num(r.auc),
      num(r.prAuc),
    ]),
  );
}

/** Counts per arm among the sampled rows, so the table and the summary can be compared at a glance. */
export function sampleShares(description: RouterDescription, rows: Int32Array, predictions: RouterPredictions): string {
  const counts = description.experiment.arms.map(() => 0);
  for (const i of rows) counts[predictions.armIndex[i] as number]!++;
  return description.experiment.arms.map((a, k) => `${a} ${counts[k]}/${rows.length}`).join(', ');
}
