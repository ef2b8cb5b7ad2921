/**
 * The README's promise that the models run in a browser with no native code, checked in headless
 * Chromium: src/index.ts bundled for the browser (by the esbuild tsup uses) and served from a
 * local node:http server (Chromium refuses ES module imports from file://); models trained in
 * Node and loaded in the page from LightGBM text / toJSON give Node's raw scores and margins bit for
 * bit (probabilities within 4 ulp: Math.exp differs between V8 versions), on the page's main
 * thread, with the WebAssembly kernel and without WebAssembly.
 * Training in the page (one thread: no worker_threads there) writes the same model text as Node.
 *
 * The bundle needs no stubs: the package looks up the Node built-ins its training workers use at
 * run time (src/gbdt/parallel/node-builtins.ts), so a browser build has nothing to resolve.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GBDT, LogisticRegression, type CsrMatrix, type DenseMatrix, type Matrix } from '../../src/index';

const executablePath = process.env.ABT_CHROMIUM;
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../..');

const COLS = 8;
const TRAIN_ROWS = 5_000;
/** 50 trees × 40,000 rows is far above the 2¹⁵ row-trees from which `addRawScores` uses the kernel. */
const ROWS = 40_000;
const GBDT_PARAMS = { num_leaves: 31, num_iterations: 50, learning_rate: 0.1, seed: 7, num_threads: 1 };

type Kind = 'f64' | 'f32' | 'csr';
const KINDS: readonly Kind[] = ['f64', 'f32', 'csr'];

/** Seeded LCG in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Rows of 8 features in [-2, 2), about 30 % exact zeros (so CSR is sparse), and labels from a nonlinear logit. */
function synthetic(rows: number, seed: number): { X: DenseMatrix; y: Float64Array } {
  const r = rng(seed);
  const data = new Float64Array(rows * COLS);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const x = data.subarray(i * COLS, (i + 1) * COLS);
    for (let j = 0; j < COLS; j++) x[j] = r() < 0.3 ? 0 : r() * 4 - 2;
    const z = 1.2 * x[0]! - x[1]! + 0.8 * x[2]! * x[3]! - 0.6 * Math.abs(x[4]!) + Math.sin(2 * x[5]!) + 0.3 * x[6]!;
    y[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { X: { rows, cols: COLS, data }, y };
}

function toCsr(X: DenseMatrix): CsrMatrix {
  const indptr = new Int32Array(X.rows + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.cols; j++) {
      const v = X.data[i * X.cols + j]!;
      if (v !== 0) {
        indices.push(j);
        values.push(v);
      }
    }
    indptr[i + 1] = indices.length;
  }
  return { rows: X.rows, cols: X.cols, indptr, indices: Int32Array.from(indices), data: Float64Array.from(values) };
}

const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Distance in units in the last place between two doubles (0: the same bits; Infinity when only one is NaN). */
function ulps(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  if (Number.isNaN(a) || Number.isNaN(b)) return Infinity;
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  const ordered = (x: bigint) => (x < 0n ? -(x & 0x7fffffffffffffffn) : x); // monotone in the value
  const d = ordered(bits[0]!) - ordered(bits[1]!);
  return Number(d < 0n ? -d : d);
}

/**
 * Asserts the page's base64 bytes decode to `want` within `maxUlps` per entry (0: bit for bit);
 * on a mismatch names the first row beyond it. Returns the largest distance seen.
 */
function expectBits(gotBase64: string, want: Float64Array, maxUlps: number, what: string): number {
  const bytes = Buffer.from(gotBase64, 'base64');
  expect(bytes.length, `${what}: byte length`).toBe(want.byteLength);
  if (bytes.equals(bytesOf(want))) return 0;
  const got = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const d = ulps(got[i]!, want[i]!);
    if (d > maxUlps) expect.fail(`${what}: row ${i} is ${got[i]} in the browser, ${want[i]} in Node (${d} ulp apart, ${maxUlps} allowed)`);
    worst = Math.max(worst, d);
  }
  return worst;
}

/**
 * Probabilities go through Math.exp, which is not the same function in every V8: Chromium 156's
 * differs from Node 20's (V8 11.3) in the last bit for about one argument in ten (the browser's
 * is the one closer to exact). The package's own arithmetic (tree sums, margins) must match bit
 * for bit; a 1-ulp exp then passes through sigmoid's add and divide, each rounding once more.
 * Observed here: at most 2 ulp; 4 leaves room for those roundings and is still ~1e-16 relative.
 */
const PROBA_ULPS = 4;

/**
 * Installed before the page's scripts: counts successful `new WebAssembly.Module` (and records
 * errors: Chromium throws a RangeError on the main thread for modules over 4 KB) and wraps each
 * instance's exported functions to count calls. Observes the platform API only; the package has no test hooks.
 */
const WASM_SPY = `(() => {
  const W = globalThis.WebAssembly;
  const spy = { modules: 0, moduleBytes: [], moduleErrors: [], instances: 0, calls: {} };
  globalThis.__wasmSpy = spy;
  W.Module = new Proxy(W.Module, { construct(target, args, newTarget) {
    try { const m = Reflect.construct(target, args, newTarget); spy.modules++; spy.moduleBytes.push(args[0].byteLength); return m; }
    catch (e) { spy.moduleErrors.push(String(e)); throw e; }
  } });
  W.Instance = new Proxy(W.Instance, { construct(target, args, newTarget) {
    const inst = Reflect.construct(target, args, newTarget);
    spy.instances++;
    const exports = {};
    for (const [k, v] of Object.entries(inst.exports)) exports[k] = typeof v !== 'function' ? v : (...a) => { spy.calls[k] = (spy.calls[k] || 0) + 1; return v(...a); };
    return { exports };
  } });
})();`;
type WasmSpy = { modules: number; moduleBytes: number[]; moduleErrors: string[]; instances: number; calls: Record<string, number> };

const NO_WASM = 'delete globalThis.WebAssembly;';

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.txt': 'text/plain', '.json': 'application/json' };

describe.skipIf(!executablePath)('@abt/models predicting in headless Chromium', () => {
  let browser: BrowserContext;
  let server: Server;
  let origin: string;
  let dir: string;
  let bundleWarnings: string[] = [];
  let gbdtText = '';
  const inputs = {} as Record<Kind, Matrix>;
  const gbdtExpected = {} as Record<Kind, { raw: Float64Array; proba: Float64Array }>;
  const logisticExpected = {} as Record<'f64' | 'csr', { margin: Float64Array; proba: Float64Array }>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'abt-models-browser-'));
    const www = path.join(dir, 'www');
    mkdirSync(path.join(www, 'data'), { recursive: true });

    // The browser bundle of the package, as an app's bundler would make it.
    const esbuild = createRequire(realpathSync(path.join(repoRoot, 'node_modules/tsup/package.json')))('esbuild') as {
      build(o: object): Promise<{ warnings: { text: string }[] }>;
    };
    const built = await esbuild.build({
      entryPoints: [path.join(here, '../../src/index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      outfile: path.join(www, 'models.js'),
      logLevel: 'silent',
    });
    bundleWarnings = built.warnings.map((w) => w.text);
    writeFileSync(path.join(www, 'predict-page.js'), readFileSync(path.join(here, 'predict-page.js')));
    writeFileSync(
      path.join(www, 'index.html'),
      '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>@abt/models</title></head><body><script type="module" src="./predict-page.js"></script></body></html>',
    );

    // Models trained in Node, and Node's predictions for the rows the page will get.
    const train = synthetic(TRAIN_ROWS, 1);
    const gbdt = new GBDT(GBDT_PARAMS).fit(train.X, train.y);
    const text = gbdt.toLightGBMText();
    const logistic = new LogisticRegression({ l1_ratio: 0.1, C: 1, max_iter: 200 }).fit(train.X, train.y);
    const logisticJson = JSON.stringify(logistic.toJSON());
    const X64 = synthetic(ROWS, 2).X;
    const X32: DenseMatrix = { rows: ROWS, cols: COLS, data: Float32Array.from(X64.data) };
    const csr = toCsr(X64);
    Object.assign(inputs, { f64: X64, f32: X32, csr });
    const loaded = GBDT.fromLightGBMText(text);
    expect(loaded.numTrees).toBe(GBDT_PARAMS.num_iterations);
    for (const kind of KINDS) gbdtExpected[kind] = { raw: loaded.predictRaw(inputs[kind]), proba: loaded.predictProba(inputs[kind]) };
    expect(bytesOf(gbdt.predictRaw(X64)).equals(bytesOf(gbdtExpected.f64.raw))).toBe(true); // the text round trip loses nothing
    const logisticLoaded = LogisticRegression.fromJSON(JSON.parse(logisticJson));
    logisticExpected.f64 = { margin: logisticLoaded.decisionFunction(X64), proba: logisticLoaded.predictProba(X64) };
    logisticExpected.csr = { margin: logisticLoaded.decisionFunction(csr), proba: logisticLoaded.predictProba(csr) };

    const data = path.join(www, 'data');
    gbdtText = text;
    writeFileSync(path.join(data, 'train-x64.bin'), bytesOf(train.X.data));
    writeFileSync(path.join(data, 'train-y.bin'), bytesOf(train.y));
    writeFileSync(path.join(data, 'gbdt.txt'), text);
    writeFileSync(path.join(data, 'logistic.json'), logisticJson);
    writeFileSync(path.join(data, 'x64.bin'), bytesOf(X64.data));
    writeFileSync(path.join(data, 'x32.bin'), bytesOf(X32.data));
    writeFileSync(path.join(data, 'csr-indptr.bin'), bytesOf(csr.indptr));
    writeFileSync(path.join(data, 'csr-indices.bin'), bytesOf(csr.indices));
    writeFileSync(path.join(data, 'csr-data.bin'), bytesOf(csr.data));

    server = createServer((req, res) => {
      const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      const file = path.join(www, rel);
      if (!file.startsWith(www + path.sep) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A page on the test server, `init` run before its scripts; problems collects console errors/warnings, page errors and any other request. */
  async function openPage(init?: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(`${origin}/`)) problems.push(`network request: ${r.url()}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    if (init) await page.addInitScript({ content: init });
    await page.goto(`${origin}/index.html`); // resolves on 'load', after the module script ran
    await page.waitForSelector('body[data-ready]', { state: 'attached', timeout: 5_000 }).catch((e: Error) => {
      throw new Error(`the page never loaded the bundle: ${problems.join('; ') || e.message}`);
    });
    return { page, problems };
  }

  const gbdtInPage = (page: Page, kind: Kind) => page.evaluate<{ raw: string; proba: string }>(`abtGbdt(${JSON.stringify(kind)})`);

  it("GBDT loaded from LightGBM text gives Node's raw scores bit for bit for Float64, Float32 and CSR rows, on the WebAssembly kernel", async () => {
    expect(bundleWarnings).toEqual([]);
    const { page, problems } = await openPage(WASM_SPY);
    const spy = () => page.evaluate<WasmSpy>('globalThis.__wasmSpy');
    // which lane-kernel exports each input must run (the model fits u8 lanes): dense rows are
    // checked for NaN and binned in the kernel, CSR rows binned from their stored entries; the
    // walk then runs in the kernel
    const kernelCalls: Record<Kind, string[]> = {
      f32: ['anyNaNF32', 'binLanesF32', 'walkLanes'],
      f64: ['anyNaNF64', 'binLanesF64', 'walkLanes'],
      csr: ['binLanesCsr', 'walkLanes'],
    };
    for (const kind of KINDS) {
      const before = (await spy()).calls;
      const got = await gbdtInPage(page, kind);
      const after = (await spy()).calls;
      expectBits(got.raw, gbdtExpected[kind].raw, 0, `${kind} predictRaw`);
      expectBits(got.proba, gbdtExpected[kind].proba, PROBA_ULPS, `${kind} predictProba`);
      for (const fn of kernelCalls[kind]) expect(after[fn] ?? 0, `${kind}: kernel ${fn} calls`).toBeGreaterThan(before[fn] ?? 0);
    }
    const s = await spy();
    expect(s.moduleErrors).toEqual([]);
    expect(s.modules).toBe(1); // compiled once per page, synchronously on the main thread
    expect(s.moduleBytes[0]).toBeLessThan(4096);
    expect(s.instances).toBe(KINDS.length); // one per loaded forest
    expect(problems).toEqual([]);
    await page.close();
  });

  it('without WebAssembly the pure-JS walk gives the same raw-score bits', async () => {
    const { page, problems } = await openPage(NO_WASM);
    expect(await page.evaluate<string>('typeof WebAssembly')).toBe('undefined');
    for (const kind of KINDS) {
      const got = await gbdtInPage(page, kind);
      expectBits(got.raw, gbdtExpected[kind].raw, 0, `${kind} predictRaw (no WebAssembly)`);
      expectBits(got.proba, gbdtExpected[kind].proba, PROBA_ULPS, `${kind} predictProba (no WebAssembly)`);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('GBDT trained in the page (one thread) writes the model text Node writes', async () => {
    const { page, problems } = await openPage();
    // default num_threads: min(2, cores) in Node, 1 in the page, which has no worker_threads
    const { num_threads: _, ...params } = GBDT_PARAMS;
    const text = await page.evaluate<string>(`abtTrain(${JSON.stringify(params)})`);
    // the same trees; only the parameters block records the num_threads each side was given
    const withoutThreads = (t: string) => t.replace(/\[num_threads: \d+\]\n/, '');
    expect(text).toContain('[num_threads: 0]');
    expect(withoutThreads(text)).toBe(withoutThreads(gbdtText));
    expect(problems).toEqual([]);
    await page.close();
  });

  it("LogisticRegression loaded from toJSON gives Node's margins bit for bit and its probabilities within 4 ulp, dense and CSR", async () => {
    // Margins are the same float64 sums in the same order: bit for bit. Probabilities: PROBA_ULPS.
    const { page, problems } = await openPage();
    for (const kind of ['f64', 'csr'] as const) {
      const got = await page.evaluate<{ margin: string; proba: string }>(`abtLogistic(${JSON.stringify(kind)})`);
      expectBits(got.margin, logisticExpected[kind].margin, 0, `${kind} LogisticRegression decisionFunction`);
      expectBits(got.proba, logisticExpected[kind].proba, PROBA_ULPS, `${kind} LogisticRegression predictProba`);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
