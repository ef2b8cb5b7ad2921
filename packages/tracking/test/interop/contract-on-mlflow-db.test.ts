import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { SqliteStore } from '@abt/tracking';
import { trackingStoreContract } from '@abt/tracking/testing';
import { runInterop } from './env';
import { probe } from './python';

// The contract again, on a database that Python MLflow created and wrote first.
describe.skipIf(!runInterop)('SqliteStore on an MLflow-created database', () => {
  trackingStoreContract(
    'SqliteStore (MLflow-created DB)',
    { describe, it, beforeAll, afterAll },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'abt-mlflowdb-'));
      const db = join(dir, 'mlflow.db');
      // MLflow creates the database with the Default experiment at `<cwd>/mlruns/0`, and abt gives the
      // experiments the contract creates the same root: run Python in the temp dir so nothing lands in
      // the working directory (SqliteStore's `artifactRoot` applies only to databases abt creates).
      await probe('write', { db, artifacts: join(dir, 'py-artifacts') }, { cwd: dir });
      const warnings: string[] = [];
      const store = new SqliteStore(`sqlite:///${db}`, { warn: (m) => warnings.push(m) });
      if (warnings.length > 0) throw new Error(`unexpected schema warnings: ${warnings.join('; ')}`);
      return { store, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
    { timeout: 120_000 },
  );
});
