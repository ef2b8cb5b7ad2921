import { FeaturesError, type FeatureRequest, type RequestColumns, type RequestColumnsInput, REQUEST_FIELDS, requestColumns, requestRow } from '@abt/features';
import { checkArity } from './check-args';
import { InvalidInputError } from './errors';
import type { HistoryStore } from './history/history-store';

/** One raw scoring request, `@abt/features`' `REQUEST_FIELDS` as a type: `{ userId, movieId, timestamp? }`. */
export type RequestRow = FeatureRequest;

/** Validated request columns (`toColumns` output); see `@abt/features`' `RequestColumns`. */
export type { RequestColumns, RequestColumnsInput };

/** Requests as callers pass them: rows, plain columns, or already validated columns. */
export type RequestRows = readonly RequestRow[] | RequestColumnsInput | RequestColumns;

/** What a policy may read besides the requests. */
export type PolicyContext = {
  /** Feedback history: policies that featurize requests read it so that features include feedback. */
  readonly history?: HistoryStore;
};

/**
 * A scoring policy behind one arm: raw requests in, P(click) out. Implementations featurize the
 * requests themselves (a FeatureSpec for abt models), so the router never sees features.
 */
export type Policy = {
  /** Interface version; changes only as a breaking change. */
  readonly version: 1;
  /** Display name (`PolicyA_LogReg`, a model name…). */
  readonly name: string;
  /** Registry model version (or any label) reported with every score. */
  readonly modelVersion: string;
  /** Model URI, when the policy came from a registry or bundle (written to exposures). */
  readonly modelUri?: string;
  /**
   * One score per row, in row order, as a Float64Array of length `rows.length`. The columns are
   * validated once at the router's edge; `context.history` carries feedback (a policy that ignores
   * it serves train-time features).
   */
  predict(rows: RequestColumns, context?: PolicyContext): Float64Array;
  /** The feature spec the policy featurizes with, so a history store can prepare its view ahead of requests. */
  readonly featureSpec?: unknown;
};

/** Loads policies by model URI (`models:/movielens_ctr_ab@PolicyA`, a bundle path…). */
export type PolicyLoader = {
  /** Interface version; changes only as a breaking change. */
  readonly version: 1;
  /** Current model version behind `uri` (cheap; polled for hot reload). Throws PolicyLoadError when missing. */
  resolve(uri: string): Promise<string>;
  /** Loads the policy for `uri` at `modelVersion` (as returned by `resolve`). Throws PolicyLoadError. */
  load(uri: string, modelVersion: string): Promise<Policy>;
};

/**
 * Validates requests once, at the edge, into columns every later step trusts (ids are safe integers
 * or strings; `movieId` may be spelled `itemId`). Throws {@link InvalidInputError} whose `path`
 * names the bad field (`rows[3].userId`, `columns.movieId[7]`); validated columns pass through.
 * `caller` is the name messages give (`POST /predict`).
 */
export function toColumns(rows: RequestRows, at = 'rows', caller = 'toColumns'): RequestColumns {
  checkArity('toColumns', arguments, 3);
  return asInputError(at, () => requestColumns(rows as readonly FeatureRequest[], at, caller));
}

/** One request row (a `/predict` body) as validated columns; errors name `${at}.userId`. */
export function rowToColumns(row: unknown, at = 'row', caller = 'rowToColumns'): RequestColumns {
  checkArity('rowToColumns', arguments, 3);
  return asInputError(at, () => requestRow(row as FeatureRequest, at, caller));
}

function asInputError<T>(at: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    // A bad value (INVALID_INPUT) or an unknown field (INVALID_OPTION, as @abt/features reports every unknown key).
    if (FeaturesError.isInstance(e) && (e.code === 'INVALID_INPUT' || e.code === 'INVALID_OPTION'))
      throw new InvalidInputError(e.where ?? at, e.message, { cause: e });
    throw e;
  }
}

/** The request columns as an MLflow signature's inputs, derived from `REQUEST_FIELDS`. */
export const REQUEST_SIGNATURE_INPUTS: readonly { readonly type: 'long'; readonly name: string; readonly required: boolean }[] = Object.freeze(
  REQUEST_FIELDS.map((f) => Object.freeze({ type: f.mlflowType, name: f.name, required: f.required })),
);
