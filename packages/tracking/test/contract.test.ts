import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { MemoryStore, SqliteStore } from '@abt/tracking';
import { trackingStoreContract } from '@abt/tracking/testing';

trackingStoreContract('MemoryStore', { describe, it, beforeAll, afterAll }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'abt-mem-'));
  return { store: new MemoryStore({ artifactRoot: join(dir, 'mlruns') }), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
});

trackingStoreContract('SqliteStore', { describe, it, beforeAll, afterAll }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'abt-sqlite-'));
  const store = new SqliteStore(`sqlite:///${join(dir, 'mlflow.db')}`, { artifactRoot: join(dir, 'mlruns') });
  return { store, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
});
