import type { StageName } from '../options';
import type { Stage } from '../stage';
import { prepareStage } from './prepare';
import { trainStage } from './train';

/** Every stage this build provides, by name. */
export function allStages(): ReadonlyMap<StageName, Stage> {
  return new Map<StageName, Stage>([prepareStage, trainStage].map((s) => [s.name, s]));
}
