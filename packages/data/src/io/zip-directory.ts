import { inflateRawSync } from 'node:zlib';

/** One member found in a zip's central directory. */
export type ZipEntry = {
  readonly name: string;
  /** 0 = stored, 8 = deflate. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Reads the central directory (APPNOTE 4.3.16 / 4.3.12). Returns undefined for anything this
 * small reader does not handle (zip64, a damaged directory), so the caller can fall back.
 */
export function readZipDirectory(zip: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let p = zip.length - 22; p >= Math.max(0, zip.length - 65557); p--) {
    if (view.getUint32(p, true) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff || cdOffset + cdSize > eocd) return undefined;
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || view.getUint32(p, true) !== CENTRAL) return undefined;
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localHeaderOffset = view.getUint32(p + 42, true);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localHeaderOffset === 0xffffffff) return undefined;
    entries.push({ name: decoder.decode(zip.subarray(p + 46, p + 46 + nameLen)), method, compressedSize, size, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * A member's bytes, inflated with Node's native zlib (several times faster than pure-JS
 * inflate on first use). Undefined when the entry cannot be read this way.
 */
export function readZipEntry(zip: Uint8Array, e: ZipEntry): Uint8Array | undefined {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const h = e.localHeaderOffset;
  if (h + 30 > zip.length || view.getUint32(h, true) !== LOCAL) return undefined;
  const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
  const end = start + e.compressedSize;
  if (end > zip.length) return undefined;
  const raw = zip.subarray(start, end);
  if (e.method === 0) return raw.length === e.size ? raw : undefined;
  if (e.method !== 8) return undefined;
  const out = inflateRawSync(raw);
  return out.length === e.size ? new Uint8Array(out.buffer, out.byteOffset, out.byteLength) : undefined;
}
