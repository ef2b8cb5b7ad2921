import { BundleFormatError } from '../errors.js';
import { messages as msg } from '../messages.js';
import { pythonJson } from './signature.js';
import { checkCall } from '../arguments.js';

/** A DataFrame example in pandas' split orient: `{"columns": [...], "data": [[...], ...]}`. */
export interface InputExample {
  columns: string[];
  data: unknown[][];
}

export const INPUT_EXAMPLE_FILE = 'input_example.json';
export const SERVING_INPUT_EXAMPLE_FILE = 'serving_input_example.json';

/** `input_example.json` as MLflow writes it (Python json separators). */
export function inputExampleToJson(example: InputExample): string {
  validateInputExample(INPUT_EXAMPLE_FILE, example);
  return pythonJson({ columns: example.columns, data: example.data });
}

/** The scoring-protocol payload MLflow saves beside it (`serving_input_example.json`). */
export function servingInputToJson(example: InputExample): string {
  return JSON.stringify({ dataframe_split: { columns: example.columns, data: example.data } }, null, 2);
}

function validateInputExample(file: string, value: unknown): asserts value is InputExample {
  const rec = value as Record<string, unknown> | null;
  if (typeof rec !== 'object' || rec === null) throw new BundleFormatError(file, undefined, msg.bundleBadField(file, '(root)', 'must be an object'));
  const columns = rec.columns;
  const data = rec.data;
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) {
    throw new BundleFormatError(file, 'columns', msg.bundleBadField(file, 'columns', 'must be an array of strings'));
  }
  if (!Array.isArray(data)) throw new BundleFormatError(file, 'data', msg.bundleBadField(file, 'data', 'must be an array of rows'));
  data.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== columns.length) {
      throw new BundleFormatError(file, `data[${i}]`, msg.bundleBadField(file, `data[${i}]`, `must be a row of ${columns.length} values`));
    }
  });
}

/** Parses a split-orient example (records orient is converted to split). */
export function parseInputExample(file: string, text: string, orient: 'split' | 'records' = 'split'): InputExample {
  checkCall('parseInputExample', arguments, 3);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new BundleFormatError(file, undefined, msg.bundleBadField(file, '(root)', `is not valid JSON (${(e as Error).message})`), { cause: e });
  }
  if (orient === 'records') {
    if (!Array.isArray(doc)) throw new BundleFormatError(file, undefined, msg.bundleBadField(file, '(root)', 'must be an array of records'));
    const columns = [...new Set(doc.flatMap((r) => Object.keys(r as object)))];
    return { columns, data: doc.map((r) => columns.map((c) => (r as Record<string, unknown>)[c] ?? null)) };
  }
  validateInputExample(file, doc);
  return { columns: doc.columns, data: doc.data };
}
