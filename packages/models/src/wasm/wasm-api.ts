/** The slice of the WebAssembly JS API the kernels use (prediction, linear row passes; the package's lib settings do not declare it). */
export type WasmApi = {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => { readonly buffer: ArrayBuffer; grow(pages: number): number };
  Instance: new (m: object, imports: object) => { readonly exports: Record<string, unknown> };
};

/** WebAssembly where the runtime has it. */
export const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** Bytes per WebAssembly memory page. */
export const PAGE = 65536;

/** `n` rounded up to a multiple of 16, exact for any safe integer (`(n + 15) & ~15` turns negative from 2 GiB: bitwise operators work on 32 bits). */
export const align16 = (n: number) => Math.ceil(n / 16) * 16;

/**
 * The kernel in `base64`, compiled on the first call and kept for the process; null where
 * WebAssembly cannot run it (then the caller keeps a slower path with the same bits).
 */
export function compiledOnce(base64: string): () => object | null {
  let module: object | null | undefined;
  return () => {
    if (module === undefined) {
      try {
        module = wasm ? new wasm.Module(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))) : null;
      } catch {
        module = null;
      }
    }
    return module;
  };
}
