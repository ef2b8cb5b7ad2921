import { binaryLogloss } from './binary-logloss';
import type { Objective } from './objective';

export type { Objective } from './objective';

/** Factory by LightGBM objective name. */
export function createObjective(name: 'binary', sigmoid: number): Objective {
  switch (name) {
    case 'binary':
      return binaryLogloss(sigmoid);
  }
}
