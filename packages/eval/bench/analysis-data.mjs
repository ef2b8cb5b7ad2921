// Generated experiments for the warehouse analysis, written by DuckDB itself (no JavaScript loop: 10 M exposures
// and 100 M events take seconds). Deterministic: every draw is hash(seed, unit, k) of the unit's index, so the
// same options give the same rows in the same DuckDB version. Used by `pnpm bench analyze` and the A/A test.
//
// Per unit: one to three exposure lines (arm by hash, 50/50), a pre-period activity count c (the CUPED covariate,
// written as `visit` events before the first exposure), sessions after it with `impression` and `click` events
// (the ratio metric), and `purchase` events with a value. Arm B multiplies click and purchase probabilities by
// 1 + lift (0 for an A/A test). `experiments` > 1 spreads the units over that many experiment keys.

/** uniform(0, 1) from a hash of (seed, unit, k). */
const u = (seed, k) => `(hash(${seed}, i, ${k}) % 1000000007) / 1000000007.0`;

/**
 * SQL statements that create tables `exposures` (userId, time, arm, experiment, inExperiment) and `events`
 * (userId, time, event, value) in the current DuckDB database. `eventsView`: `events` is a view (on a kept
 * `units` table) instead, so 100 M events stream straight into a file rather than being held in memory first.
 * @param {{ units: number, eventsPerUnit?: number, sessions?: number, experiments?: number, lift?: number, seed?: number, days?: number, eventsView?: boolean }} o
 */
export function experimentTablesSql(o) {
  const { units, eventsPerUnit = 5, experiments = 1, lift = 0.05, seed = 1, days = 14, eventsView = false } = o;
  const start = Date.UTC(2025, 0, 6) / 1000;
  // Sessions per unit so that impressions + clicks + purchases + visits average `eventsPerUnit`.
  const sessions = o.sessions ?? Math.max(1, Math.round(eventsPerUnit / 3.2));
  return [
    `CREATE OR REPLACE TABLE units AS
     SELECT i,
            CAST(i AS VARCHAR) AS userId,
            CASE WHEN ${u(seed, 1)} < 0.5 THEN 'control' ELSE 'treatment' END AS arm,
            'exp' || CAST(i % ${experiments} AS VARCHAR) AS experiment,
            ${start} + floor(${u(seed, 2)} * ${days * 0.7} * 86400) AS t0,
            CAST(floor(-ln(1 - ${u(seed, 3)}) * 3) AS INTEGER) AS activity
     FROM range(${units}) AS r(i)`,
    `CREATE OR REPLACE TABLE exposures AS
     SELECT userId, to_timestamp(t0 + k * 43200) AS time, arm, experiment, TRUE AS inExperiment
     FROM units, range(3) AS e(k)
     WHERE k = 0 OR (hash(${seed}, i, 4 + k) % 1000000007) / 1000000007.0 < 0.3 / k`,
    `CREATE OR REPLACE ${eventsView ? 'VIEW' : 'TABLE'} events AS
     WITH s AS (
       SELECT i, userId, arm, t0, activity, k,
              t0 + floor(${u(seed, 10)} * ${days * 0.25} * 86400) + k * 7200 AS ts,
              1 + CAST(floor(${u(seed, 11)} * 2.2) AS INTEGER) AS impressions
       FROM units, range(${Math.ceil(sessions)}) AS z(k)
       -- A fractional session count: the last session happens with that probability.
       WHERE k < ${Math.floor(sessions)} OR (hash(${seed}, i, 60 + k) % 1000000007) / 1000000007.0 < ${sessions - Math.floor(sessions)}
     )
     SELECT userId, to_timestamp(ts + j) AS time, 'impression' AS event, CAST(NULL AS DOUBLE) AS value
     FROM s, range(3) AS q(j) WHERE j < impressions
     UNION ALL
     SELECT userId, to_timestamp(ts + 5) AS time, 'click' AS event, 1.0 AS value
     FROM s WHERE (hash(${seed}, i, 20 + k) % 1000000007) / 1000000007.0 < (0.2 + 0.02 * activity) * (CASE WHEN arm = 'treatment' THEN ${1 + lift} ELSE 1 END)
     UNION ALL
     SELECT userId, to_timestamp(ts + 60) AS time, 'purchase' AS event, round(5 + 40 * ((hash(${seed}, i, 40 + k) % 1000000007) / 1000000007.0) + 2 * activity, 2) AS value
     FROM s WHERE (hash(${seed}, i, 30 + k) % 1000000007) / 1000000007.0 < (0.05 + 0.01 * activity) * (CASE WHEN arm = 'treatment' THEN ${1 + lift} ELSE 1 END)
     UNION ALL
     SELECT userId, to_timestamp(t0 - 3600 - floor(${u(seed, 50)} * 20 * 86400) - v * 60) AS time, 'visit' AS event, CAST(NULL AS DOUBLE) AS value
     FROM units, range(12) AS w(v) WHERE v < activity`,
    ...(eventsView ? [] : ['DROP TABLE units']),
  ];
}

/** The metrics file for these tables (a ratio with CUPED, a binomial, a capped sum with CUPED, a mean). */
export const ANALYSIS_METRICS = `version: 1
experiment:
  arms: [control, treatment]
primary: ctr
metrics:
  - name: ctr
    type: ratio
    numerator: { event: click }
    denominator: { event: impression }
    cuped: { event: visit, lookback: 30d }
  - name: purchased
    type: binomial
    event: purchase
  - name: revenue
    type: sum
    event: purchase
    cap: { value: 200 }
    cuped: { event: visit, lookback: 30d }
  - name: order_value
    type: mean
    event: purchase
`;
