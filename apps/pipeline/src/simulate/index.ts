// The replay simulation: the test period replayed as traffic through the registered router.
export { resolveSimulationSettings } from './settings';
export type { SimulationSettings } from './settings';
export { buildRequests, LABEL_UNSEEN } from './requests';
export type { ReplayData } from './requests';
export { replayOutcomes } from './outcomes';
export { aggregateUsers } from './per-user';
export { replay } from './replay';
