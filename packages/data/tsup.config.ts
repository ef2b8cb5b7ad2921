import { abtBuild } from '../../tsup.base';

export default abtBuild({ index: 'src/index.ts', danfo: 'src/danfo/index.ts' });
