import { abtBuild } from '../../tsup.base';

// shims: the report inlines vega's browser builds, found through import.meta.url, in the CJS build too.
export default abtBuild({ index: 'src/index.ts' }, { shims: true });
