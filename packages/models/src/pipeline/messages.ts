// Every user-facing message of Pipeline, one function each (tests assert on them).
import { fmt } from '../preprocessing/messages';

export const msg = {
  noSteps: (got: unknown) => `Pipeline: param \`steps\` must be a non-empty array [transformer..., classifier]; got ${fmt(got)}`,
  notTransformer: (i: number, kind: unknown) =>
    `Pipeline: param \`steps[${i}]\` (kind ${fmt(kind)}) must be a transformer with fit and transform; only the last step is the classifier`,
  notClassifier: (i: number, kind: unknown) =>
    `Pipeline: param \`steps[${i}]\` (kind ${fmt(kind)}) is the last step and must be a classifier with fit, predictProba and clone`,
  notFitted: (what: string) => `Pipeline.${what}: the pipeline is not fitted yet; call fit(X, y) first`,
  format: (path: string, expected: string, got: unknown) => `Pipeline.fromJSON: \`${path}\` must be ${expected}; got ${fmt(got)}`,
  unknownTransformer: (path: string, kind: unknown, known: readonly string[]) =>
    `Pipeline.fromJSON: \`${path}\` is an unknown transformer kind ${fmt(kind)}; this version loads ${known.join(', ')}`,
  inStep: (path: string, message: string) => `Pipeline.fromJSON: in \`${path}\`: ${message}`,
} as const;
