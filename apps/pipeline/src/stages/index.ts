import type { StageName } from '../options';
import type { Stage } from '../stage';
import { prepareStage } from './prepare';
import { trainStage } from './train';
import { evalStage } from './eval';
import { curvesStage } from './curves';
import { segmentsStage } from './segments';

/** Every stage this build provides, by name. */
export function allStages(): ReadonlyMap<StageName, Stage> {
  return new Map<StageName, Stage>([prepareStage, trainStage, evalStage, curvesStage, segmentsStage].map((s) => [s.name, s]));
}
