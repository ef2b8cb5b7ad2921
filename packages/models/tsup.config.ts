import { abtBuild } from '../../tsup.base';

// gbdt-worker / linear-worker: the training workers (GBDT histograms, logistic-regression row
// passes), loaded at run time from beside the bundle; shims give the CJS build an import.meta.url
// to find them with.
export default abtBuild(
  { index: 'src/index.ts', testing: 'src/testing/index.ts', 'gbdt-worker': 'src/gbdt/worker.ts', 'linear-worker': 'src/linear/parallel/worker.ts' },
  { shims: true },
);
