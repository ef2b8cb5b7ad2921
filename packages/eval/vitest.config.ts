import { abtTest } from '../../vitest.shared';

export default abtTest('eval');
