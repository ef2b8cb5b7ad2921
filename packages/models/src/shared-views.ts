/**
 * Typed arrays over shared memory, made safe to post to a worker thread at any size. Node 20's
 * structured clone (V8's serializer) writes a view's byteOffset and byteLength as 32-bit numbers:
 * a Float32Array over a SharedArrayBuffer of more than 4 GiB arrives in the worker cut to its
 * length modulo 2^32 bytes, with no error (ml-25m's 20 M × 68 train matrix arrived as 286 M of its
 * 1,360 M floats). The SharedArrayBuffer itself arrives whole, so each such view travels as its
 * buffer, offset and length and is rebuilt on the other side. Views over ordinary ArrayBuffers are
 * left to structured clone (it copies them, and refuses one over 4 GiB with an error).
 */

const TAG = 'abt:sharedView';

const VIEW_TYPES = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;

type ViewTypeName = keyof typeof VIEW_TYPES;
type PackedView = { readonly [TAG]: ViewTypeName; readonly buffer: SharedArrayBuffer; readonly byteOffset: number; readonly length: number };

const isPlainContainer = (v: unknown): v is Record<string, unknown> | unknown[] => {
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * `value` with `replace` applied to it and, where `replace` leaves a node as it is, to the members
 * of its plain objects and arrays; parts with nothing replaced are returned as they are.
 */
function mapTree(value: unknown, replace: (node: unknown) => unknown): unknown {
  const replaced = replace(value);
  if (replaced !== value || !isPlainContainer(value)) return replaced;
  let changed = false;
  const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? new Array(value.length) : {};
  for (const [k, v] of Object.entries(value)) {
    const m = mapTree(v, replace);
    if (m !== v) changed = true;
    (out as Record<string, unknown>)[k] = m;
  }
  return changed ? out : value;
}

function pack(leaf: unknown): unknown {
  if (!ArrayBuffer.isView(leaf) || leaf instanceof DataView || typeof SharedArrayBuffer !== 'function' || !(leaf.buffer instanceof SharedArrayBuffer))
    return leaf;
  const name = leaf.constructor.name as ViewTypeName;
  if (!Object.hasOwn(VIEW_TYPES, name)) return leaf;
  const view = leaf as unknown as { length: number };
  return { [TAG]: name, buffer: leaf.buffer, byteOffset: leaf.byteOffset, length: view.length } satisfies PackedView;
}

function unpack(node: unknown): unknown {
  if (!isPlainContainer(node) || Array.isArray(node) || !Object.hasOwn(node, TAG)) return node;
  const p = node as unknown as PackedView;
  const View = VIEW_TYPES[p[TAG]] as new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayBufferView;
  return new View(p.buffer, p.byteOffset, p.length);
}

/**
 * `message` ready for `postMessage` / `workerData`: every typed array over a SharedArrayBuffer in
 * its plain objects and arrays replaced by a description the serializer carries whole. The
 * receiver calls `unpackSharedViews` on what arrives.
 */
export function packSharedViews<T>(message: T): T {
  return mapTree(message, pack) as T;
}

/** What `packSharedViews` packed, with its typed arrays rebuilt over the same shared memory. */
export function unpackSharedViews<T>(message: T): T {
  return mapTree(message, unpack) as T;
}
