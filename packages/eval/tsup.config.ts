import { abtBuild } from '../../tsup.base';

// shims: the report inlines vega's browser builds, found through import.meta.url, in the CJS build too.
// `sql` is the warehouse-analysis subpath (@abt/eval/sql); its database clients stay optional peers.
export default abtBuild({ index: 'src/index.ts', sql: 'src/sql/index.ts' }, { shims: true });
