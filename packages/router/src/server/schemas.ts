import { REQUEST_FIELDS } from '@abt/features';
import { messages } from '../messages';
import { toColumns } from '../policy';
import type { RequestColumns } from '../policy';
import { HttpError } from './http-errors';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `/bulk_predict`'s body `{ rows: [...] }`, checked for shape and row count, then validated once into columns. */
export function bulkRows(body: unknown, maxRows: number): RequestColumns {
  if (!isObject(body)) throw new HttpError('INVALID_PARAMETER_VALUE', messages.bulkNotObject());
  for (const key of Object.keys(body)) if (key !== 'rows') throw new HttpError('INVALID_PARAMETER_VALUE', messages.bulkUnknownKey(key));
  const rows = body.rows;
  if (!Array.isArray(rows)) throw new HttpError('INVALID_PARAMETER_VALUE', messages.bulkNotObject());
  if (rows.length > maxRows) throw new HttpError('INVALID_PARAMETER_VALUE', messages.tooManyRows('body.rows', rows.length, maxRows));
  return toColumns(rows, 'body.rows', 'POST /bulk_predict');
}

const ID_SCHEMA = { anyOf: [{ type: 'integer' }, { type: 'string' }] } as const;

/** `/predict`'s response, for fast serialization; the request fields come from `REQUEST_FIELDS`. */
export const predictResponseSchema = {
  type: 'object',
  properties: {
    ...Object.fromEntries(REQUEST_FIELDS.filter((f) => f.type === 'id').map((f) => [f.name, ID_SCHEMA])),
    assigned: { type: 'string' },
    score: { type: 'number' },
    modelVersion: { type: 'string' },
    inExperiment: { type: 'boolean' },
  },
} as const;
