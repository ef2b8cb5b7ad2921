// The app's programmatic surface (tests and scripts); the CLI is `dist/cli.js`.
export { main, createProgram } from './program';
export { runServe } from './serve-command';
export type { ServeCommandOptions, ServeHandle } from './serve-command';
export { runDemo } from './demo-command';
export type { DemoCommandOptions, DemoResult } from './demo-command';
export type { ArmReport } from './demo/arm-report';
export { armReports } from './demo/arm-report';
export { demoMetrics, metricKey } from './demo/log-run';
export { sampleRows } from './demo/sample-rows';
export { resolveDemoTrackingUri, resolveDataPath, repoRoot, DEFAULT_MODEL_URI, DEMO_EXPERIMENT, DEMO_RUN_NAME } from './defaults';
export type { TrackingUriSource } from './defaults';
export { RouterDemoError, EXIT_CODES, EXIT_CODE_BY_CLASS, exitCodeOf } from './errors';
export type { RouterDemoErrorCode } from './errors';
export { messages } from './messages';
export type { CliIO } from './io';
