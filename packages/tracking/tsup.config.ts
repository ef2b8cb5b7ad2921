import { abtBuild } from '../../tsup.base';

export default abtBuild({ index: 'src/index.ts', testing: 'src/testing/index.ts', mlflow: 'src/mlflow/index.ts' });
