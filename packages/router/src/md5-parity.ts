import { checkArity } from './check-args';
/**
 * The original pipeline's assignment rule, kept as a named mode:
 * `int(hashlib.md5(str(int(userId)).encode()).hexdigest(), 16) % 2 == 0` → arm A, else arm B
 * (read in its `ab_router_pyfunc.py`). The parity of the hex integer is the low bit of the
 * digest's last byte, i.e. bit 24 of MD5's final `d` word. MD5 runs over UTF-8 bytes in
 * reusable buffers, so a call allocates nothing for ids shorter than any seen before.
 */
import type { UserId } from './hash';

const K = new Int32Array(64);
for (let i = 0; i < 64; i++) K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0;
const S = new Uint8Array([
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16,
  23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
]);

let bytes = new Uint8Array(128);
const words = new Int32Array(16);
const state = new Int32Array(4);

function ensure(n: number): void {
  if (bytes.length < n) bytes = new Uint8Array(Math.max(n, bytes.length * 2));
}

/** UTF-8 encodes `s` into `bytes` (as Python's `str.encode()`), returns the byte count. */
function encodeUtf8(s: string): number {
  ensure(s.length * 3 + 72);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) bytes[n++] = c;
    else if (c < 0x800) {
      bytes[n++] = 0xc0 | (c >> 6);
      bytes[n++] = 0x80 | (c & 63);
    } else {
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
        const lo = s.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo < 0xe000) {
          c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
          i++;
          bytes[n++] = 0xf0 | (c >> 18);
          bytes[n++] = 0x80 | ((c >> 12) & 63);
          bytes[n++] = 0x80 | ((c >> 6) & 63);
          bytes[n++] = 0x80 | (c & 63);
          continue;
        }
      }
      bytes[n++] = 0xe0 | (c >> 12);
      bytes[n++] = 0x80 | ((c >> 6) & 63);
      bytes[n++] = 0x80 | (c & 63);
    }
  }
  return n;
}

/** Decimal digits of a safe integer, as Python's `str(int)`. */
function encodeInteger(v: number): number {
  ensure(96);
  let n = 0;
  let x = v < 0 ? -v : v;
  do {
    const d = x % 10;
    bytes[n++] = 48 + d;
    x = (x - d) / 10;
  } while (x > 0);
  if (v < 0) bytes[n++] = 45;
  for (let i = 0, j = n - 1; i < j; i++, j--) {
    const t = bytes[i] as number;
    bytes[i] = bytes[j] as number;
    bytes[j] = t;
  }
  return n;
}

function block(off: number): void {
  for (let i = 0; i < 16; i++) {
    const p = off + i * 4;
    words[i] = (bytes[p] as number) | ((bytes[p + 1] as number) << 8) | ((bytes[p + 2] as number) << 16) | ((bytes[p + 3] as number) << 24);
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  for (let i = 0; i < 64; i++) {
    let f: number;
    let g: number;
    if (i < 16) {
      f = (b & c) | (~b & d);
      g = i;
    } else if (i < 32) {
      f = (d & b) | (~d & c);
      g = (5 * i + 1) & 15;
    } else if (i < 48) {
      f = b ^ c ^ d;
      g = (3 * i + 5) & 15;
    } else {
      f = c ^ (b | ~d);
      g = (7 * i) & 15;
    }
    const t = d;
    d = c;
    c = b;
    const x = (a + f + (K[i] as number) + (words[g] as number)) | 0;
    const s = S[i] as number;
    b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
    a = t;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
}

/** MD5 of `bytes[0, len)`; leaves the digest in `state` (little-endian words). */
function md5(len: number): void {
  const padded = ((len + 8) >> 6) * 64 + 64;
  ensure(padded);
  bytes[len] = 0x80;
  bytes.fill(0, len + 1, padded);
  const bits = len * 8;
  bytes[padded - 8] = bits & 0xff;
  bytes[padded - 7] = (bits >>> 8) & 0xff;
  bytes[padded - 6] = (bits >>> 16) & 0xff;
  bytes[padded - 5] = (bits >>> 24) & 0xff;
  const hi = Math.floor(bits / 2 ** 32);
  bytes[padded - 4] = hi & 0xff;
  bytes[padded - 3] = (hi >>> 8) & 0xff;
  bytes[padded - 2] = (hi >>> 16) & 0xff;
  bytes[padded - 1] = (hi >>> 24) & 0xff;
  state[0] = 0x67452301;
  state[1] = 0xefcdab89 | 0;
  state[2] = 0x98badcfe | 0;
  state[3] = 0x10325476;
  for (let off = 0; off < padded; off += 64) block(off);
}

/**
 * 0 when the original would assign arm A (even digest), 1 for arm B. Numbers are truncated to
 * integers first (`str(int(uid))`); strings are hashed as given.
 */
export function md5Parity(userId: UserId): 0 | 1 {
  checkArity('md5Parity', arguments, 1);
  let len: number;
  if (typeof userId === 'number' && Number.isSafeInteger(Math.trunc(userId))) len = encodeInteger(Math.trunc(userId));
  else len = encodeUtf8(String(userId));
  md5(len);
  return (((state[3] as number) >>> 24) & 1) as 0 | 1;
}

/** Lowercase hex MD5 digest of `text`'s UTF-8 bytes (for tests and diagnostics; allocates). */
export function md5Hex(text: string): string {
  checkArity('md5Hex', arguments, 1);
  md5(encodeUtf8(text));
  let out = '';
  for (let w = 0; w < 4; w++) {
    const v = state[w] as number;
    for (let k = 0; k < 4; k++) out += ((v >>> (8 * k)) & 0xff).toString(16).padStart(2, '0');
  }
  return out;
}
