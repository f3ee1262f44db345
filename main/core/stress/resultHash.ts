/**
 * A content hash of a run's numbers, computed in core (which may not use node:crypto): FNV-1a 64
 * (Fowler, Noll, Vo; IETF draft-eastlake-fnv, offset basis 0xcbf29ce484222325, prime 0x100000001b3)
 * over the bytes of each value in order. Numbers are written as IEEE-754 float64 little-endian through
 * a DataView (so the hash does not depend on the platform's byte order), integers of Int32Array /
 * Uint8Array as float64 as well, strings as UTF-16 code units (2 bytes, little-endian), and each part is
 * preceded by its length so that ["ab", "c"] and ["a", "bc"] differ. It detects change; it is not a
 * cryptographic hash.
 *
 * 64-bit arithmetic in two 32-bit halves: h·prime = h·(2⁴⁰ + 0x1b3), so
 *   lo' = (lo·0x1b3) mod 2³², hi' = (hi·0x1b3 + lo·2⁸ + carry(lo·0x1b3)) mod 2³².
 */
export type HashPart = number | string | Float64Array | Int32Array | Uint8Array | readonly number[];

interface State { hi: number; lo: number }

function byte(st: State, b: number): void {
  const lo = (st.lo ^ b) >>> 0;
  const product = lo * 0x1b3; // < 2⁴¹: exact in float64
  const carry = Math.floor(product / 4294967296);
  st.lo = product >>> 0;
  st.hi = (Math.imul(st.hi, 0x1b3) + ((lo << 8) >>> 0) + carry) >>> 0;
}

const view = new DataView(new ArrayBuffer(8));

function float(st: State, x: number): void {
  view.setFloat64(0, x, true);
  for (let i = 0; i < 8; i++) byte(st, view.getUint8(i));
}

/** FNV-1a 64 of raw bytes, as 16 hex digits (for the published test vectors). */
export function fnv1a64Bytes(bytes: ArrayLike<number>): string {
  const st: State = { hi: 0xcbf29ce4, lo: 0x84222325 };
  for (let i = 0; i < bytes.length; i++) byte(st, bytes[i] & 0xff);
  return hex(st);
}

function hex(st: State): string {
  return st.hi.toString(16).padStart(8, '0') + st.lo.toString(16).padStart(8, '0');
}

/** FNV-1a 64 over the parts in order (file header), as 16 hex digits. */
export function contentHash(parts: readonly HashPart[]): string {
  const st: State = { hi: 0xcbf29ce4, lo: 0x84222325 };
  for (const part of parts) {
    if (typeof part === 'number') {
      float(st, part);
      continue;
    }
    float(st, part.length);
    if (typeof part === 'string') {
      for (let i = 0; i < part.length; i++) {
        const c = part.charCodeAt(i);
        byte(st, c & 0xff);
        byte(st, c >>> 8);
      }
      continue;
    }
    for (let i = 0; i < part.length; i++) float(st, part[i]);
  }
  return hex(st);
}
