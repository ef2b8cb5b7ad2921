export { LogisticRegression } from './logistic-regression';
export { LOGISTIC_REGRESSION_DEFAULTS } from './params';
export type { LogisticRegressionParams, Penalty, LinearSolver, ClassWeight } from './params';
export { LOGISTIC_REGRESSION_KIND } from './serialize';
