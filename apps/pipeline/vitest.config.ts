import { abtTest } from '../../vitest.shared';

export default abtTest('pipeline', { testTimeout: 120_000 });
