import { abtTest } from '../../vitest.shared';

export default abtTest('router-demo', { testTimeout: 120_000 });
