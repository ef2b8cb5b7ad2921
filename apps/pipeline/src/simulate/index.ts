// The replay simulation: the test period replayed as traffic through the registered router.
export { DEFAULT_SIMULATION, resolveSimulationSettings } from './settings';
export type { SimulationMode, SimulationSettings } from './settings';
export { planRequests, buildRequests, sampleNegatives, mixSeed, LABEL_UNSEEN } from './requests';
export type { ReplayData, ReplayPlan, ReplayRequests, ReplayRows, ReplayEvents } from './requests';
export { scoreRows } from './score-rows';
export type { RoutedScores } from './score-rows';
export { createOutcomeReplay, replayOutcomes } from './outcomes';
export type { EventOutcomes, OutcomeReplay } from './outcomes';
export { aggregateUsers, usersByArm } from './per-user';
export type { UserOutcomes, ArmUsers } from './per-user';
export { checkpointEnds, checkpoints } from './checkpoints';
export type { Checkpoint, ArmTotals, ConversionMoments, SumMoments, MeanMetric } from './checkpoints';
export { replay, activityByUser } from './replay';
export type { ReplayOptions, ReplayResult } from './replay';
