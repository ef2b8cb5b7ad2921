// JSON Schema of the metrics file (YAML or JSON); `parseMetricsFile` validates against it and maps every error
// to its line. Published as `metricsFileSchema` so editors can use it.

const DURATION = { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(s|m|h|d|w)$', description: "A length of time: '30s', '15m', '12h', '7d', '2w'." } as const;
const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const;
const EVENTS = { oneOf: [NAME, { type: 'array', items: NAME, minItems: 1 }], description: 'An event name, or a list of them (any counts).' } as const;
const MEASURE = {
  type: 'object',
  additionalProperties: false,
  required: ['event'],
  properties: { event: EVENTS, aggregate: { enum: ['count', 'sum'], description: "'count' (default) or 'sum' of the value column." } },
} as const;
const TIME_FORMAT = {
  enum: ['iso', 'epoch_s', 'epoch_ms'],
  description: "'iso' (ISO-8601 text or a timestamp column, default), 'epoch_s' or 'epoch_ms'.",
} as const;
const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$' } as const;

export const metricsFileSchema = {
  $id: 'https://abt.dev/schemas/metrics-file-v1.json',
  title: 'abt metrics file',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'experiment', 'metrics'],
  properties: {
    version: { const: 1, description: 'Format version of this file.' },
    experiment: {
      type: 'object',
      additionalProperties: false,
      required: ['arms'],
      properties: {
        key: { ...NAME, description: 'Only exposures whose experiment column equals this.' },
        arms: { type: 'array', items: NAME, minItems: 2, maxItems: 2, description: 'Control first, then treatment.' },
        weights: {
          type: 'array',
          items: { type: 'number', exclusiveMinimum: 0 },
          minItems: 2,
          maxItems: 2,
          description: 'Configured traffic shares (SRM check); default equal.',
        },
      },
    },
    range: {
      type: 'object',
      additionalProperties: false,
      properties: { start: DATE, end: DATE },
      description: 'Exposures outside [start, end) are reported and left out (UTC when no offset is given).',
    },
    exposures: {
      type: 'object',
      additionalProperties: false,
      properties: {
        columns: {
          type: 'object',
          additionalProperties: false,
          properties: { unit: NAME, time: NAME, arm: NAME, experiment: NAME, inExperiment: { oneOf: [NAME, { type: 'null' }] } },
        },
        timeFormat: TIME_FORMAT,
      },
    },
    events: {
      type: 'object',
      additionalProperties: false,
      properties: {
        columns: { type: 'object', additionalProperties: false, properties: { unit: NAME, time: NAME, event: NAME, value: NAME } },
        timeFormat: TIME_FORMAT,
      },
    },
    dimensions: { type: 'array', items: NAME, uniqueItems: true, description: 'Exposure columns to break the readout down by.' },
    primary: { type: 'string', description: 'Metric the verdict is about; default the first tested metric.' },
    analysis: {
      type: 'object',
      additionalProperties: false,
      properties: {
        alpha: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        power: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        mdeRel: { type: 'number', exclusiveMinimum: 0 },
        srmThreshold: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        tuningN: { type: 'number', exclusiveMinimum: 0 },
        burnInPerArm: { type: 'number', minimum: 0, description: 'Units the smaller arm needs before the sequential test may reject; default 30.' },
      },
    },
    metrics: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'type'],
        properties: {
          name: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$', description: 'Lower-case identifier: column prefix and tracking key.' },
          label: NAME,
          type: { enum: ['binomial', 'count', 'sum', 'mean', 'ratio'] },
          event: EVENTS,
          numerator: MEASURE,
          denominator: MEASURE,
          window: DURATION,
          cap: {
            oneOf: [
              { type: 'object', additionalProperties: false, required: ['value'], properties: { value: { type: 'number' } } },
              {
                type: 'object',
                additionalProperties: false,
                required: ['quantile'],
                properties: { quantile: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } },
              },
            ],
          },
          cuped: {
            oneOf: [
              { type: 'boolean' },
              { type: 'object', additionalProperties: false, properties: { lookback: DURATION, event: EVENTS, aggregate: { enum: ['count', 'sum'] } } },
            ],
          },
          higherIsBetter: { type: 'boolean' },
          test: { type: 'boolean', description: 'false: report per arm only, no test.' },
        },
      },
    },
  },
} as const;
