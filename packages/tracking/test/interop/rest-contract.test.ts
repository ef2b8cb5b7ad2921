import { afterAll, beforeAll, describe, it } from 'vitest';
import { RestStore } from '@abt/tracking';
import { trackingStoreContract } from '@abt/tracking/testing';
import { requireServer, runInterop } from './env';

// The same contract the memory and SQLite stores pass, against a real `mlflow server`.
describe.skipIf(!runInterop)('RestStore against mlflow server', () => {
  trackingStoreContract('RestStore', { describe, it, beforeAll, afterAll }, () => ({ store: new RestStore(requireServer()) }), { timeout: 60_000 });
});
