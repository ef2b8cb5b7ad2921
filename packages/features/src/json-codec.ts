import { FeaturesError } from './errors';
import { messages } from './messages';

/**
 * Typed arrays ↔ JSON arrays for the spec format. NaN is written as `null` (JSON has no NaN);
 * numbers round-trip exactly because JSON.stringify prints the shortest exact decimal.
 * Readers name the JSON path of anything malformed.
 */
export type JsonNumberArray = (number | null)[];

export const encodeNumbers = (a: ArrayLike<number>): JsonNumberArray => Array.from(a, (v) => (Number.isNaN(v) ? null : v));

const bad = (where: string, expected: string): FeaturesError => new FeaturesError('INVALID_FORMAT', messages.badField(where, expected), where);

export function readObject(json: unknown, where: string): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new FeaturesError('INVALID_FORMAT', messages.notAnObject(where), where);
  }
  return json as Record<string, unknown>;
}

function readArray(json: unknown, where: string, length: number | undefined): unknown[] {
  if (!Array.isArray(json)) throw bad(where, 'an array');
  if (length !== undefined && json.length !== length) throw bad(where, `an array of ${length} entries (got ${json.length})`);
  return json;
}

export function readFloat64(json: unknown, where: string, length?: number): Float64Array {
  const a = readArray(json, where, length);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === null) out[i] = NaN;
    else if (typeof v === 'number') out[i] = v;
    else throw bad(`${where}[${i}]`, 'a number or null');
  }
  return out;
}

export function readInt32(json: unknown, where: string, length?: number): Int32Array {
  const a = readArray(json, where, length);
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
      throw bad(`${where}[${i}]`, 'a 32-bit integer');
    }
    out[i] = v;
  }
  return out;
}

export function readUint8(json: unknown, where: string, length?: number): Uint8Array {
  const a = readInt32(json, where, length);
  for (let i = 0; i < a.length; i++) if (a[i] !== 0 && a[i] !== 1) throw bad(`${where}[${i}]`, '0 or 1');
  return Uint8Array.from(a);
}

export function readStrings(json: unknown, where: string): string[] {
  const a = readArray(json, where, undefined);
  a.forEach((v, i) => {
    if (typeof v !== 'string') throw bad(`${where}[${i}]`, 'a string');
  });
  return a as string[];
}

export function readNumber(json: unknown, where: string): number {
  if (typeof json !== 'number' || !Number.isFinite(json)) throw bad(where, 'a finite number');
  return json;
}

/** Ids must be strictly increasing, as the spec writes them (the id index relies on it). */
export function readSortedIds(json: unknown, where: string): Int32Array {
  const ids = readInt32(json, where);
  for (let i = 1; i < ids.length; i++) if (ids[i]! <= ids[i - 1]!) throw bad(`${where}[${i}]`, 'strictly increasing ids');
  return ids;
}
