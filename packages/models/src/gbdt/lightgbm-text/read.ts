/**
 * Reads LightGBM's text model format (binary objective, numerical splits). Every problem is a
 * ModelFormatError that names the 1-based line.
 */
import { ModelFormatError } from '../../errors';
import { CATEGORICAL_MASK, type TreeArrays } from '../tree';
import { messages } from '../../messages';
import * as K from './fields';

const msg = messages.gbdt;

export type ParsedModel = {
  version: string;
  maxFeatureIdx: number;
  featureNames: string[];
  featureInfos: string[];
  objective: string;
  sigmoid: number;
  trees: TreeArrays[];
  parameters: Record<string, string>;
  /** The `parameters:` block's lines as written (empty when the file has none). */
  parameterLines: string[];
};

const fail = (why: string, line?: number): never => {
  throw new ModelFormatError(msg.format(why, line), line);
};

type Entry = { value: string; line: number };

function parseNumbers(e: Entry, key: string, expect: number, kind: 'int' | 'float'): number[] {
  const parts = e.value === '' ? [] : e.value.split(' ');
  if (parts.length !== expect) fail(`${key} has ${parts.length} values, expected ${expect}`, e.line);
  return parts.map((s) => {
    const v = kind === 'int' ? Number.parseInt(s, 10) : parseFloatC(s);
    if (Number.isNaN(v) && !(kind === 'float' && /^[-+]?nan$/i.test(s))) fail(`${key} has a non-number '${s}'`, e.line);
    if (kind === 'int' && !/^[-+]?\d+$/.test(s)) fail(`${key} has a non-integer '${s}'`, e.line);
    return v;
  });
}

/** Parses C-style doubles, including `inf`, `-inf`, `nan`. */
function parseFloatC(s: string): number {
  const l = s.toLowerCase();
  if (l === 'inf' || l === '+inf' || l === 'infinity') return Infinity;
  if (l === '-inf' || l === '-infinity') return -Infinity;
  if (/^[-+]?nan$/.test(l)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return NaN;
  return Number(s);
}

function readBlock(lines: string[], start: number, stop: (l: string) => boolean): { map: Map<string, Entry>; next: number } {
  const map = new Map<string, Entry>();
  let i = start;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (stop(l)) break;
    if (l.trim() === '') continue;
    // LightGBM writes a bare `average_output` line in random-forest models (boosting=rf)
    if (l.trim() === K.AVERAGE_OUTPUT) fail(msg.randomForestModel(), i + 1);
    const eq = l.indexOf('=');
    if (eq <= 0) fail(`expected key=value, got '${l.slice(0, 60)}'`, i + 1);
    map.set(l.slice(0, eq), { value: l.slice(eq + 1).trim(), line: i + 1 });
  }
  return { map, next: i };
}

function need(map: Map<string, Entry>, key: string, where: string, line: number): Entry {
  const e = map.get(key);
  if (!e) fail(`${where} is missing '${key}'`, line);
  return e!;
}

function parseTree(map: Map<string, Entry>, headerLine: number, numFeatures: number): TreeArrays {
  const L = parseNumbers(need(map, 'num_leaves', 'tree', headerLine), 'num_leaves', 1, 'int')[0]!;
  if (L < 1) fail(`num_leaves must be >= 1, got ${L}`, map.get('num_leaves')!.line);
  const numCat = map.get('num_cat');
  if (numCat && numCat.value !== '0') fail('categorical splits (num_cat > 0) are not supported', numCat.line);
  const linear = map.get('is_linear');
  if (linear && linear.value !== '0') fail('linear trees (is_linear=1) are not supported', linear.line);
  const n = L - 1;
  const opt = (key: string, len: number, kind: 'int' | 'float') => {
    const e = map.get(key);
    return e ? parseNumbers(e, key, len, kind) : new Array<number>(len).fill(0);
  };
  const req = (key: string, len: number, kind: 'int' | 'float') => parseNumbers(need(map, key, 'tree', headerLine), key, len, kind);
  const leafValue = req('leaf_value', L, 'float');
  const lw = map.get('leaf_weight');
  const leafWeight = lw && lw.value !== '' ? parseNumbers(lw, 'leaf_weight', L, 'float') : new Array<number>(L).fill(0);
  const t: TreeArrays = {
    numLeaves: L,
    splitFeature: Int32Array.from(n > 0 ? req('split_feature', n, 'int') : []),
    splitGain: Float64Array.from(opt('split_gain', n, 'float')),
    threshold: Float64Array.from(n > 0 ? req('threshold', n, 'float') : []),
    decisionType: Uint8Array.from(n > 0 ? req('decision_type', n, 'int') : []),
    leftChild: Int32Array.from(n > 0 ? req('left_child', n, 'int') : []),
    rightChild: Int32Array.from(n > 0 ? req('right_child', n, 'int') : []),
    leafValue: Float64Array.from(leafValue),
    leafWeight: Float64Array.from(leafWeight),
    leafCount: Int32Array.from(opt('leaf_count', L, 'int')),
    internalValue: Float64Array.from(opt('internal_value', n, 'float')),
    internalWeight: Float64Array.from(opt('internal_weight', n, 'float')),
    internalCount: Int32Array.from(opt('internal_count', n, 'int')),
    shrinkage: map.has('shrinkage') ? parseNumbers(map.get('shrinkage')!, 'shrinkage', 1, 'float')[0]! : 1,
  };
  for (let i = 0; i < n; i++) {
    const line = map.get('decision_type')!.line;
    if (t.decisionType[i]! & CATEGORICAL_MASK) fail(`node ${i} is a categorical split; not supported`, line);
    const f = t.splitFeature[i]!;
    if (f < 0 || f >= numFeatures) fail(`split_feature ${f} out of range [0, ${numFeatures})`, map.get('split_feature')!.line);
    for (const key of ['left_child', 'right_child'] as const) {
      const c = (key === 'left_child' ? t.leftChild : t.rightChild)[i]!;
      if (c >= n || ~c >= L || (c >= 0 && c <= i)) fail(`${key} of node ${i} is ${c}, not a valid child`, map.get(key)!.line);
    }
  }
  return t;
}

export function readLightGBMText(text: string): ParsedModel {
  if (typeof text !== 'string' || text.length === 0) fail('empty model text', 1);
  const lines = text.split(/\r?\n/);
  if (lines[0]!.trim() !== K.HEADER_FIRST_LINE) fail(`first line must be '${K.HEADER_FIRST_LINE}', got '${lines[0]!.slice(0, 40)}'`, 1);
  const head = readBlock(lines, 1, (l) => l.startsWith('Tree=') || l === K.END_OF_TREES);
  const h = head.map;
  const version = h.get('version')?.value ?? 'v1';
  const numClass = h.get('num_class');
  if (numClass && numClass.value !== '1') fail(`num_class=${numClass.value}; only binary models are supported`, numClass.line);
  const maxIdxEntry = need(h, 'max_feature_idx', 'header', 1);
  const maxFeatureIdx = parseNumbers(maxIdxEntry, 'max_feature_idx', 1, 'int')[0]!;
  const nf = maxFeatureIdx + 1;
  const objEntry = need(h, 'objective', 'header', 1);
  const objParts = objEntry.value.split(' ');
  if (objParts[0] !== 'binary') fail(`objective '${objEntry.value}' is not supported (only binary)`, objEntry.line);
  let sigmoid = 1;
  for (const p of objParts.slice(1)) {
    const [k, v] = p.split(':');
    if (k === 'sigmoid') sigmoid = Number(v);
  }
  if (!(sigmoid > 0)) fail(`bad sigmoid in '${objEntry.value}'`, objEntry.line);
  const namesEntry = h.get('feature_names');
  const featureNames = namesEntry ? namesEntry.value.split(' ') : Array.from({ length: nf }, (_, i) => `Column_${i}`);
  if (featureNames.length !== nf) fail(`feature_names has ${featureNames.length} names, expected ${nf}`, namesEntry!.line);
  const infosEntry = h.get('feature_infos');
  const featureInfos = infosEntry ? infosEntry.value.split(' ') : new Array<string>(nf).fill('none');
  const sizesEntry = h.get('tree_sizes');
  const sizes = sizesEntry ? (sizesEntry.value === '' ? [] : sizesEntry.value.split(' ').map(Number)) : undefined;
  const trees: TreeArrays[] = [];
  let i = head.next;
  while (i < lines.length && lines[i]!.startsWith('Tree=')) {
    const headerLine = i + 1;
    const idx = Number(lines[i]!.slice(5));
    if (idx !== trees.length) fail(`expected Tree=${trees.length}, got '${lines[i]}'`, headerLine);
    const block = readBlock(lines, i + 1, (l) => l.startsWith('Tree=') || l === K.END_OF_TREES);
    trees.push(parseTree(block.map, headerLine, nf));
    i = block.next;
  }
  if (i >= lines.length || lines[i] !== K.END_OF_TREES) fail(`model text is truncated: no '${K.END_OF_TREES}' line`, Math.min(i + 1, lines.length));
  if (sizes && sizes.length !== trees.length) fail(`tree_sizes lists ${sizes.length} trees but the file has ${trees.length}`, sizesEntry!.line);
  const parameters: Record<string, string> = {};
  const parameterLines: string[] = [];
  const pStart = lines.indexOf(K.PARAMETERS, i);
  if (pStart >= 0) {
    for (let j = pStart + 1; j < lines.length && lines[j] !== K.END_OF_PARAMETERS; j++) {
      if (lines[j] === '') continue;
      parameterLines.push(lines[j]!);
      const m = /^\[([^:]+): ?(.*)\]$/.exec(lines[j]!);
      if (m) parameters[m[1]!] = m[2]!;
    }
  }
  return { version, maxFeatureIdx, featureNames, featureInfos, objective: objEntry.value, sigmoid, trees, parameters, parameterLines };
}
