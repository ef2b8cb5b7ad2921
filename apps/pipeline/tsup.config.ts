import { abtBuild } from '../../tsup.base';

// Apps ship one ESM CLI entry; no declarations needed.
export default abtBuild({ cli: 'src/cli.ts', analyze: 'src/analyze/cli.ts' }, { format: ['esm'], dts: false });
