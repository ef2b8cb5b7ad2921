import { abtBuild } from '../../tsup.base';

// gbdt-worker: the histogram worker, loaded at run time from beside the bundle; shims give the
// CJS build an import.meta.url to find it with.
export default abtBuild({ index: 'src/index.ts', testing: 'src/testing/index.ts', 'gbdt-worker': 'src/gbdt/worker.ts' }, { shims: true });
