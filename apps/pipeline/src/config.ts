import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { OPTION_TABLE, defaultOptions, flagName, kebabKey, type OptionKey, type OptionSpec, type PipelineOptions } from './options';
import { PipelineError } from './errors';
import { messages } from './messages';

/** Raw values by option key, from one source (the command line or a config file). */
export type RawOptions = Partial<Record<OptionKey, unknown>>;

const isUrl = (v: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(v);
const spec = (key: OptionKey) => OPTION_TABLE[key] as OptionSpec<unknown>;

/** Parses every raw value with its option's parser; `nameOf` says how to name it in errors. */
function parseAll(raw: RawOptions, base: string, nameOf: (key: OptionKey) => string): Partial<PipelineOptions> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw) as [OptionKey, unknown][]) {
    if (value === undefined) continue;
    let parsed = spec(key).parse(value, nameOf(key));
    if (spec(key).path && typeof parsed === 'string' && !isUrl(parsed)) parsed = path.resolve(base, parsed);
    out[key] = parsed;
  }
  return out as Partial<PipelineOptions>;
}

/** Command-line values (strings from commander), paths relative to `cwd`; errors name the flag. */
export function parseFlags(raw: RawOptions, cwd: string): Partial<PipelineOptions> {
  return parseAll(raw, cwd, flagName);
}

const KEY_BY_NAME = new Map<string, OptionKey>(
  (Object.keys(OPTION_TABLE) as OptionKey[]).flatMap((k) => [
    [k, k],
    [kebabKey(k), k],
  ]),
);

/**
 * A YAML or JSON config file with the flags' names, kebab-case (`cv-folds`) or camelCase (`cvFolds`).
 * Paths in it are relative to the file (as tsconfig's are); errors name the key as the file spells it.
 */
export function readConfigFile(file: string): Partial<PipelineOptions> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PipelineError('usage', messages.configUnreadable(file, (e as Error).message), { cause: e });
  }
  const json = /\.json$/i.test(file);
  let doc: unknown;
  try {
    doc = json ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new PipelineError('usage', messages.configSyntax(file, json ? 'JSON' : 'YAML', (e as Error).message), { cause: e });
  }
  if (doc === null || doc === undefined) doc = {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new PipelineError('usage', messages.configNotAMap(file));
  const raw: RawOptions = {};
  const spelled = new Map<OptionKey, string>();
  const label = path.basename(file);
  for (const [name, value] of Object.entries(doc as Record<string, unknown>)) {
    const key = KEY_BY_NAME.get(name);
    if (!key) throw new PipelineError('usage', messages.configUnknownKey(label, name, suggest(name)));
    const other = spelled.get(key);
    if (other !== undefined) throw new PipelineError('usage', messages.configDuplicateKey(label, other, name));
    spelled.set(key, name);
    raw[key] = value;
  }
  return parseAll(raw, path.dirname(path.resolve(file)), (key) => `${label}: ${spelled.get(key)}`);
}

/** The closest known option name (edit distance ≤ 2), for "did you mean". */
function suggest(name: string): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const known of KEY_BY_NAME.keys()) {
    const d = distance(name.toLowerCase(), known.toLowerCase());
    if (d <= 2 && (!best || d < best.d)) best = { name: known, d };
  }
  return best?.name;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** defaults < config file < command line; combinations of options checked. */
export function mergeOptions(config: Partial<PipelineOptions>, cli: Partial<PipelineOptions>): PipelineOptions {
  const merged: PipelineOptions = { ...defaultOptions(), ...config, ...cli };
  if (merged.data && merged.dataset) throw new PipelineError('usage', messages.dataAndDataset());
  return merged;
}
