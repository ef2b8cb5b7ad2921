import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { CONFIG_SCHEMA, defaultOptions, type PipelineOptions } from './options';
import { PipelineError } from './errors';
import { messages } from './messages';

const ajv = new Ajv({ allErrors: true, strict: true });
const validateConfig = ajv.compile(CONFIG_SCHEMA);

/** One line per schema violation, naming the key path (`/steps/1`, `/unknownKey`). */
function describe(file: string, errors: ErrorObject[]): string {
  return errors
    .map((e) => {
      const where = e.keyword === 'additionalProperties' ? `${e.instancePath}/${String(e.params.additionalProperty)}` : e.instancePath || '/';
      const what = e.keyword === 'additionalProperties' ? 'is not a known option' : e.message ?? 'is invalid';
      return `${file}: ${where} ${what}`;
    })
    .join('\n');
}

/** Validates a config object (from a file or the CLI) against the option schema. */
export function checkOptions(source: string, value: unknown): Partial<PipelineOptions> {
  if (!validateConfig(value)) throw new PipelineError('usage', describe(source, validateConfig.errors ?? []));
  return value as Partial<PipelineOptions>;
}

export function readConfigFile(file: string): Partial<PipelineOptions> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PipelineError('usage', messages.configUnreadable(file, (e as Error).message), { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PipelineError('usage', messages.configNotJson(file, (e as Error).message), { cause: e });
  }
  const config = checkOptions(file, json);
  // Paths in a config file are relative to the file, like tsconfig's.
  const base = path.dirname(path.resolve(file));
  for (const key of ['data', 'dataDir', 'out'] as const) {
    const v = config[key];
    if (typeof v === 'string' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) config[key] = path.resolve(base, v);
  }
  return config;
}

/** defaults < config file < command line. */
export function mergeOptions(config: Partial<PipelineOptions>, cli: Partial<PipelineOptions>): PipelineOptions {
  const merged = { ...defaultOptions(), ...config, ...cli };
  if (merged.data && merged.dataset) {
    throw new PipelineError('usage', messages.dataAndDataset());
  }
  return merged;
}
