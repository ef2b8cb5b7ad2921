/**
 * Training memory inside one shared WebAssembly memory, so the histogram kernel
 * (histogram-kernel.ts) can read the bin columns, rows and gradients and write the histograms in
 * place, and compute the gradients from the scores and labels there, on every training thread. Arrays are carved out of it by a bump allocator; the memory
 * grows as they are (growing a shared memory keeps every earlier view valid), and a typed array's
 * `byteOffset` is its address for the kernel. Where a shared WebAssembly memory cannot be made (no
 * WebAssembly or SharedArrayBuffer, or a runtime without SIMD) there is no arena and training
 * keeps its plain shared buffers and the JS kernels, with the same sums.
 */
import { align16, PAGE } from '../../wasm/wasm-api';
import { HISTOGRAM_KERNEL_BASE64 } from './wasm/histogram-kernel-bytes';

/** The slice of the WebAssembly JS API used here (the package's lib settings do not declare it). */
export type SharedWasmMemory = { readonly buffer: SharedArrayBuffer; grow(pages: number): number };
type WasmApi = {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (d: { initial: number; maximum: number; shared: true }) => SharedWasmMemory;
  Instance: new (m: object, imports: object) => { readonly exports: Record<string, unknown> };
};
const wasmApi = (): WasmApi | undefined => (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** 4 GiB: wasm32's limit (the arena is refused beyond it and training keeps plain buffers). */
const MAX_PAGES = 65_536;

/** Compiled training kernels by their bytes (null: this runtime cannot compile them: no WebAssembly, shared memory or SIMD). */
const modules = new Map<string, object | null>();

function compiled(base64: string): object | null {
  let m = modules.get(base64);
  if (m === undefined) {
    const api = wasmApi();
    try {
      m = api && typeof SharedArrayBuffer === 'function' ? new api.Module(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))) : null;
    } catch {
      m = null;
    }
    modules.set(base64, m);
  }
  return m;
}

/** The training kernel whose bytes are `base64` (the histogram kernel by default), instantiated on `memory`: one instance per thread and memory. */
export function instantiateKernel(memory: SharedWasmMemory, base64 = HISTOGRAM_KERNEL_BASE64): Record<string, unknown> | undefined {
  const api = wasmApi();
  const mod = compiled(base64);
  if (!api || !mod) return undefined;
  return new api.Instance(mod, { env: { memory } }).exports;
}

export class WasmArena {
  readonly memory: SharedWasmMemory;
  /** The arrays handed out (so a caller can tell an arena column from a plain one). */
  readonly #arrays = new WeakSet<object>();
  #top = 64;
  #pages: number;

  private constructor(memory: SharedWasmMemory, pages: number) {
    this.memory = memory;
    this.#pages = pages;
  }

  /** A new arena, or undefined where the kernel cannot run here. */
  static create(): WasmArena | undefined {
    const api = wasmApi();
    if (!api || !compiled(HISTOGRAM_KERNEL_BASE64)) return undefined;
    try {
      return new WasmArena(new api.Memory({ initial: 1, maximum: MAX_PAGES, shared: true }), 1);
    } catch {
      return undefined;
    }
  }

  /** Byte address of `bytes` fresh (zeroed) bytes, 16-aligned; undefined when the arena cannot grow that far. */
  #alloc(bytes: number): number | undefined {
    const at = this.#top;
    const end = align16(at + Math.max(1, bytes));
    const pages = Math.ceil(end / PAGE);
    if (pages > this.#pages) {
      if (pages > MAX_PAGES) return undefined;
      try {
        this.memory.grow(pages - this.#pages);
      } catch {
        return undefined;
      }
      this.#pages = pages;
    }
    this.#top = end;
    return at;
  }

  /** True for an array this arena handed out. */
  holds(a: object): boolean {
    return this.#arrays.has(a);
  }

  #view<T extends object>(a: T | undefined): T | undefined {
    if (a) this.#arrays.add(a);
    return a;
  }

  u8(n: number): Uint8Array | undefined {
    const at = this.#alloc(n);
    return at === undefined ? undefined : this.#view(new Uint8Array(this.memory.buffer, at, n));
  }

  u16(n: number): Uint16Array | undefined {
    const at = this.#alloc(2 * n);
    return at === undefined ? undefined : this.#view(new Uint16Array(this.memory.buffer, at, n));
  }

  i32(n: number): Int32Array | undefined {
    const at = this.#alloc(4 * n);
    return at === undefined ? undefined : this.#view(new Int32Array(this.memory.buffer, at, n));
  }

  f32(n: number): Float32Array | undefined {
    const at = this.#alloc(4 * n);
    return at === undefined ? undefined : this.#view(new Float32Array(this.memory.buffer, at, n));
  }

  f64(n: number): Float64Array | undefined {
    const at = this.#alloc(8 * n);
    return at === undefined ? undefined : this.#view(new Float64Array(this.memory.buffer, at, n));
  }
}
