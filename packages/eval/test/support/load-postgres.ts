import pg from 'pg';

/** Loads NDJSON exposure and event lines into tables `exposures` and `events` (abt's column names, quoted). */
export async function loadIntoPostgres(url: string, exposures: readonly string[], events: readonly string[], schema = 'public'): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`DROP TABLE IF EXISTS ${schema}.exposures; DROP TABLE IF EXISTS ${schema}.events`);
    await client.query(`CREATE TABLE ${schema}.exposures ("userId" text, "time" timestamptz, arm text, experiment text, "inExperiment" boolean, country text)`);
    await client.query(`CREATE TABLE ${schema}.events ("userId" text, "time" timestamptz, event text, value double precision)`);
    const batch = 5_000;
    for (let i = 0; i < exposures.length; i += batch) {
      const rows = exposures.slice(i, i + batch).map((l) => JSON.parse(l) as Record<string, unknown>);
      await client.query(
        `INSERT INTO ${schema}.exposures SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::boolean[], $6::text[])`,
        [
          rows.map((r) => String(r.userId)),
          rows.map((r) => r.time),
          rows.map((r) => r.arm),
          rows.map((r) => r.experiment),
          rows.map((r) => r.inExperiment ?? null),
          rows.map((r) => r.country ?? null),
        ],
      );
    }
    for (let i = 0; i < events.length; i += batch) {
      const rows = events.slice(i, i + batch).map((l) => JSON.parse(l) as Record<string, unknown>);
      await client.query(`INSERT INTO ${schema}.events SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::float8[])`, [
        rows.map((r) => String(r.userId)),
        rows.map((r) => r.time),
        rows.map((r) => r.event),
        rows.map((r) => r.value ?? null),
      ]);
    }
    // Fresh tables have no statistics; without them the planner picks nested loops over thousands of rows.
    await client.query(`ANALYZE ${schema}.exposures; ANALYZE ${schema}.events`);
  } finally {
    await client.end();
  }
}
