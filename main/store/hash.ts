import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted, no whitespace, typed arrays as plain arrays. Two values that
 * mean the same inputs hash the same regardless of key order.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`cannot hash non-finite number ${value}`);
    return value;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return normalise((value as { toJSON(): unknown }).toJSON());
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = normalise(v);
  }
  return out;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Content hash of a JSON-like value (sha256 of its canonical JSON). */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** Hash of float vectors by their exact bytes (bit-identical reruns give identical hashes). */
export function vectorsHash(vectors: Record<string, Float64Array>): string {
  const h = createHash('sha256');
  for (const name of Object.keys(vectors).sort()) {
    const v = vectors[name]!;
    h.update(name).update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  }
  return h.digest('hex');
}
