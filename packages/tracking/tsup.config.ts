import { abtBuild } from '../../tsup.base';

// shims: the SQLite driver requires its optional peer (better-sqlite3) through import.meta.url, in the CJS build too.
export default abtBuild({ index: 'src/index.ts', testing: 'src/testing/index.ts', mlflow: 'src/mlflow/index.ts' }, { shims: true });
