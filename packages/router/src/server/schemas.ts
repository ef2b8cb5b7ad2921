// JSON schemas of the request bodies; fastify validates with them and names the bad field (`body/userId`).
const long = { type: 'integer' } as const;

export const rowSchema = {
  type: 'object',
  required: ['userId', 'movieId'],
  additionalProperties: false,
  properties: { userId: long, movieId: long, timestamp: { type: ['integer', 'null'] } },
} as const;

export const bulkSchema = (maxRows: number) =>
  ({
    type: 'object',
    required: ['rows'],
    additionalProperties: false,
    properties: { rows: { type: 'array', maxItems: maxRows, items: rowSchema } },
  }) as const;

export const predictResponseSchema = {
  type: 'object',
  properties: {
    userId: { type: 'integer' },
    movieId: { type: 'integer' },
    assigned: { type: 'string' },
    score: { type: 'number' },
    modelVersion: { type: 'string' },
    inExperiment: { type: 'boolean' },
  },
} as const;
