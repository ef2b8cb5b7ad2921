import type { StageName } from '../options';
import type { Stage } from '../stage';
import { prepareStage } from './prepare';
import { trainStage } from './train';
import { evalStage } from './eval';
import { curvesStage } from './curves';
import { segmentsStage } from './segments';
import { cvStage } from './cv';
import { registerStage } from './register';
import { routerStage } from './router';
import { reportStage } from './report';
import { simulateStage } from './simulate';
import { exportStage } from './export';

/** Every stage this build provides, by name. */
export function allStages(): ReadonlyMap<StageName, Stage> {
  return new Map<StageName, Stage>(
    [prepareStage, trainStage, exportStage, evalStage, curvesStage, segmentsStage, cvStage, registerStage, routerStage, simulateStage, reportStage].map((s) => [
      s.name,
      s,
    ]),
  );
}
