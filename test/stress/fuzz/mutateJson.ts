/**
 * Structural mutations of a valid JSON-like payload, for the book / model / scenario and IPC fuzz:
 * delete a field, set a field to a bad value (wrong type, NaN-like strings, non-finite and huge
 * numbers, negative amounts, impossible dates, huge strings, prototype keys), add an unknown field,
 * wrap or duplicate a node, flip a number to its string and back. Every mutation works on a deep
 * copy; the path it touched is reported so a failure names it.
 */
import fc from 'fast-check';

export type JsonPath = (string | number)[];

/** Values that break one rule or another of the contract's schemas. */
export const BAD_VALUES: readonly unknown[] = [
  NaN, Infinity, -Infinity, -1, 0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, 1.5, 2 ** 31, 2 ** 53, 1e-320,
  '', ' ', 'NaN', 'nan', 'Infinity', '-Infinity', '1e309', '-1', '0', '-0.0', '1e308', '0x10', '1,5', '١٢٣', '+', '.',
  'x'.repeat(10_000), '9'.repeat(400), '\u0000', '\uFFFD', '🙂', 'BTC', 'preset:scenario-span-16', '../../etc/passwd', '<script>alert(1)</script>',
  '2024-02-30', '2023-02-29', '0000-00-00', '9999-12-31', '1969-12-31', '2024-1-1', 'today',
  null, undefined, true, false, [], {}, [[]], [null], { '': null }, 1n, new Date(0), new Map([['a', 1]]), new Uint8Array(3),
];

export type JsonMutation =
  | { op: 'delete'; at: number }
  | { op: 'set'; at: number; value: unknown }
  | { op: 'add'; at: number; key: string; value: unknown }
  | { op: 'wrap'; at: number; inArray: boolean }
  | { op: 'duplicate'; at: number }
  | { op: 'flip'; at: number };

/**
 * Values that pass a field's type and range checks but may break a rule that needs the data: dates
 * around and outside a dataset, windows longer than the history, assets and ids that do not exist.
 */
export const NEAR_VALUES: readonly unknown[] = [
  '2009-01-03', '2022-12-31', '2023-01-01', '2023-01-02', '2023-01-31', '2023-02-15', '2024-02-24', '2024-02-25', '2024-06-28', '2024-06-29', '2026-01-01',
  'BTC', 'ETH', 'USDT', 'SOL', 'a1', 'a2', 'a3', 'preset:hsvar-99-2d-1y', 'preset:parametric-var-99-1d', 'preset:tiered-bybit-entry', 'hs', 'fhs', 'parametric',
  1, 2, 5, 19, 20, 21, 29, 30, 31, 60, 100, 250, 365, 419, 420, 1000, 7300, 0.5000001, 0.9, 0.95, 0.99, 0.9999, 0.999999,
];

const badValueArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...BAD_VALUES) },
  { weight: 3, arbitrary: fc.constantFrom(...NEAR_VALUES) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer({ min: -1e9, max: 1e9 }) },
);

export const jsonMutationArb: fc.Arbitrary<JsonMutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  { weight: 3, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: badValueArb }) },
  fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: fc.constantFrom('extra', '__proto__', 'constructor', 'toString', 'id', 'kind', ''), value: badValueArb }),
  fc.record({ op: fc.constant('wrap' as const), at: fc.nat(), inArray: fc.boolean() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('flip' as const), at: fc.nat() }),
);

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** Every path in a JSON-like value, root first (depth-first, at most `limit`). */
export function pathsOf(value: unknown, limit = 400): JsonPath[] {
  const out: JsonPath[] = [];
  const walk = (v: unknown, path: JsonPath): void => {
    if (out.length >= limit) return;
    out.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (isPlainObject(v)) for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...path, k]);
  };
  walk(value, []);
  return out;
}

/** structuredClone keeps NaN, bigint, Date, Map and typed arrays (what crosses Electron IPC too). */
function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Defines an own property (so `__proto__` becomes a key, as JSON.parse makes it, not a prototype). */
function put(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies one mutation to a copy; returns the result and the path it touched. */
export function applyJsonMutation(value: unknown, m: JsonMutation): { value: unknown; path: JsonPath } {
  const root = { $: clone(value) } as Record<string | number, unknown>;
  const paths = pathsOf(root.$);
  const path = paths[m.at % paths.length];
  const full: JsonPath = ['$', ...path];
  const parent = full.slice(0, -1).reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, root);
  const key = full[full.length - 1];
  const node = parent[key];
  switch (m.op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'set': put(parent, key, m.value); break;
    case 'add':
      if (isPlainObject(node)) put(node, m.key, m.value);
      else if (Array.isArray(node)) node.push(m.value);
      else put(parent, key, { [m.key]: node });
      break;
    case 'wrap': put(parent, key, m.inArray ? [node] : { value: node }); break;
    case 'duplicate':
      if (Array.isArray(node) && node.length > 0) node.push(clone(node[0]));
      else if (Array.isArray(parent)) parent.splice(key as number, 0, clone(node));
      else put(parent, key, [node, node]);
      break;
    case 'flip':
      put(parent, key, typeof node === 'number' ? String(node) : typeof node === 'string' && node.trim() !== '' && Number.isFinite(Number(node)) ? Number(node) : typeof node === 'boolean' ? String(node) : null);
      break;
  }
  return { value: root.$, path };
}

/** A valid value with 1–3 mutations. */
export function mutatedJsonArb(valid: unknown): fc.Arbitrary<{ value: unknown; paths: JsonPath[] }> {
  return fc.array(jsonMutationArb, { minLength: 1, maxLength: 3 }).map((ms) => {
    let value = valid;
    const paths: JsonPath[] = [];
    for (const m of ms) {
      const r = applyJsonMutation(value, m);
      value = r.value;
      paths.push(r.path);
    }
    return { value, paths };
  });
}
