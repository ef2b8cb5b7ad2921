export { LogisticRegression } from './logistic-regression';
export type { LogisticRegressionFitOptions } from './logistic-regression';
export { LOGISTIC_REGRESSION_DEFAULTS, LOGISTIC_REGRESSION_PARAM_NAMES } from './params';
export type { LogisticRegressionParams, LogisticRegressionOptions, Penalty, LinearSolver, ClassWeight } from './params';
export type { LogisticWarning, LogisticWarningCode } from './warnings';
export { LOGISTIC_REGRESSION_KIND } from './serialize';
