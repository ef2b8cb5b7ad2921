import { LogisticRegression, Pipeline, StandardScaler, type Classifier } from '@abt/models';

// Policy A as an ONNX model, so Python's `mlflow.pyfunc.load_model` scores it with onnxruntime and no abt:
// features (float32, the FeatureSpec's columns) → Cast(double) → Sub(mean) → Div(scale) → MatMul(coef)
// → Add(intercept) → Sigmoid → probability. Double precision, so the scores equal abt's predictProba to
// rounding. Only the few ONNX protobuf messages needed are encoded (field numbers from onnx/onnx.proto3).

/** Protobuf wire writer: varints, length-delimited fields, packed doubles. */
class Pb {
  readonly parts: Uint8Array[] = [];
  #varint(v: number | bigint): void {
    let n = BigInt(v);
    const out: number[] = [];
    do {
      let b = Number(n & 0x7fn);
      n >>= 7n;
      if (n !== 0n) b |= 0x80;
      out.push(b);
    } while (n !== 0n);
    this.parts.push(Uint8Array.from(out));
  }
  #key(field: number, wire: number): void {
    this.#varint((field << 3) | wire);
  }
  int(field: number, v: number): this {
    this.#key(field, 0);
    this.#varint(v);
    return this;
  }
  bytes(field: number, b: Uint8Array): this {
    this.#key(field, 2);
    this.#varint(b.length);
    this.parts.push(b);
    return this;
  }
  str(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }
  msg(field: number, m: Pb): this {
    return this.bytes(field, m.finish());
  }
  packedInts(field: number, values: readonly number[]): this {
    const inner = new Pb();
    for (const v of values) inner.#varint(v);
    return this.bytes(field, inner.finish());
  }
  finish(): Uint8Array {
    const len = this.parts.reduce((a, p) => a + p.length, 0);
    const out = new Uint8Array(len);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

const FLOAT = 1;
const DOUBLE = 11;

/** TensorProto with raw little-endian doubles. */
function doubleTensor(name: string, dims: readonly number[], values: Float64Array): Pb {
  const raw = new Uint8Array(values.length * 8);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setFloat64(i * 8, v, true));
  return new Pb().packedInts(1, dims).int(2, DOUBLE).str(8, name).bytes(9, raw);
}

/** ValueInfoProto of a tensor with a symbolic batch dimension. */
function valueInfo(name: string, elemType: number, cols: number): Pb {
  const shape = new Pb().msg(1, new Pb().str(2, 'batch')).msg(1, new Pb().int(1, cols));
  return new Pb().str(1, name).msg(2, new Pb().msg(1, new Pb().int(1, elemType).msg(2, shape)));
}

function node(op: string, inputs: readonly string[], output: string, attrs: Pb[] = []): Pb {
  const n = new Pb();
  for (const i of inputs) n.str(1, i);
  n.str(2, output).str(3, `${op.toLowerCase()}_${output}`).str(4, op);
  for (const a of attrs) n.msg(5, a);
  return n;
}

const ONNX_INPUT = 'features';
const ONNX_OUTPUT = 'probability';

/** The scaler (when there is one) and the logistic regression of Policy A, or undefined for another model. */
function linearParts(model: Classifier): { scaler?: StandardScaler; lr: LogisticRegression } | undefined {
  if (model instanceof LogisticRegression) return { lr: model };
  if (model instanceof Pipeline) {
    const steps = model.steps as readonly unknown[];
    const lr = model.finalEstimator;
    if (steps.length === 2 && steps[0] instanceof StandardScaler && lr instanceof LogisticRegression) return { scaler: steps[0], lr };
  }
  return undefined;
}

/** Policy A as ONNX bytes (opset 17, IR 8), or undefined when the model is not (scaler +) logistic regression. */
export function logisticRegressionOnnx(model: Classifier): Uint8Array | undefined {
  const parts = linearParts(model);
  if (!parts) return undefined;
  const coef = parts.lr.coef;
  const d = coef.length;
  const graph = new Pb();
  const inits: Pb[] = [];
  let x = 'x64';
  graph.msg(1, node('Cast', [ONNX_INPUT], x, [new Pb().str(1, 'to').int(3, DOUBLE).int(20, 2)]));
  const mean = parts.scaler?.mean;
  const scale = parts.scaler?.scale;
  if (mean) {
    inits.push(doubleTensor('mean', [d], mean));
    graph.msg(1, node('Sub', [x, 'mean'], 'centered'));
    x = 'centered';
  }
  if (scale) {
    inits.push(doubleTensor('scale', [d], scale));
    graph.msg(1, node('Div', [x, 'scale'], 'scaled'));
    x = 'scaled';
  }
  inits.push(doubleTensor('coef', [d, 1], Float64Array.from(coef)));
  inits.push(doubleTensor('intercept', [1], Float64Array.of(parts.lr.intercept)));
  graph.msg(1, node('MatMul', [x, 'coef'], 'dot'));
  graph.msg(1, node('Add', ['dot', 'intercept'], 'margin'));
  graph.msg(1, node('Sigmoid', ['margin'], ONNX_OUTPUT));
  graph.str(2, 'abt_policy_a');
  for (const t of inits) graph.msg(5, t);
  graph.msg(11, valueInfo(ONNX_INPUT, FLOAT, d));
  graph.msg(12, valueInfo(ONNX_OUTPUT, DOUBLE, 1));
  return new Pb().int(1, 8).str(2, 'abt').str(3, '0.1.0').msg(7, graph).msg(8, new Pb().str(1, '').int(2, 17)).finish();
}
