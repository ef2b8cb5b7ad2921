// The page side of predict-in-browser.test.ts: a plain ES module served beside the browser bundle
// of src/index.ts (models.js). It fetches the rows and models the test wrote in Node, predicts on
// the page's main thread and hands every Float64Array back as base64 of its bytes, so Node compares
// bits, not decimal strings. Kept as .js (not inlined in the test) so Vitest never transforms it.
import { GBDT, LogisticRegression } from './models.js';

const COLS = 8;

async function bytes(name) {
  const res = await fetch(name);
  if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
  return res.arrayBuffer();
}

function base64(a) {
  const u = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let s = '';
  for (let i = 0; i < u.length; i += 0x8000) s += String.fromCharCode.apply(null, u.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The prediction rows in one of the three layouts: dense Float64, dense Float32, CSR. */
async function matrix(kind) {
  if (kind === 'csr') {
    const indptr = new Int32Array(await bytes('data/csr-indptr.bin'));
    const indices = new Int32Array(await bytes('data/csr-indices.bin'));
    const data = new Float64Array(await bytes('data/csr-data.bin'));
    return { rows: indptr.length - 1, cols: COLS, indptr, indices, data };
  }
  const data = kind === 'f32' ? new Float32Array(await bytes('data/x32.bin')) : new Float64Array(await bytes('data/x64.bin'));
  return { rows: data.length / COLS, cols: COLS, data };
}

/** GBDT loaded from LightGBM model text: raw scores and probabilities for `kind` rows. */
globalThis.abtGbdt = async (kind) => {
  const text = new TextDecoder().decode(await bytes('data/gbdt.txt'));
  const model = GBDT.fromLightGBMText(text);
  const X = await matrix(kind);
  return { raw: base64(model.predictRaw(X)), proba: base64(model.predictProba(X)) };
};

/** LogisticRegression loaded from its toJSON(): margins and probabilities for `kind` rows. */
globalThis.abtLogistic = async (kind) => {
  const json = JSON.parse(new TextDecoder().decode(await bytes('data/logistic.json')));
  const model = LogisticRegression.fromJSON(json);
  const X = await matrix(kind);
  return { margin: base64(model.decisionFunction(X)), proba: base64(model.predictProba(X)) };
};

/** GBDT fitted here on the rows Node trained on: its LightGBM model text. */
globalThis.abtTrain = async (params) => {
  const data = new Float64Array(await bytes('data/train-x64.bin'));
  const y = new Float64Array(await bytes('data/train-y.bin'));
  return new GBDT(params).fit({ rows: data.length / COLS, cols: COLS, data }, y).toLightGBMText();
};

document.body.dataset.ready = '1';
