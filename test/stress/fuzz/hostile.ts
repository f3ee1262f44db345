/**
 * Payloads no JSON file can hold but an in-process caller (the e2e harness, a test, a future
 * plug-in) can hand dispatch: cyclic objects, 10,000-deep nesting, huge arrays and strings.
 */

export function cyclic(): Record<string, unknown> {
  const a: Record<string, unknown> = { name: 'loop' };
  a.self = a;
  a.list = [a, { back: a }];
  return a;
}

export function deepObject(depth = 10_000): unknown {
  let v: unknown = { leaf: 1 };
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

export function deepArray(depth = 10_000): unknown {
  let v: unknown = [1];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

export const hugeArray = (n = 1_000_000): number[] => new Array<number>(n).fill(1);

export function wideObject(n = 100_000): Record<string, number> {
  const o: Record<string, number> = {};
  for (let i = 0; i < n; i++) o[`k${i}`] = i;
  return o;
}

/**
 * Each hostile value at the top; the cyclic and deep ones in every field of a valid payload (and in a
 * `provenance` field, which some inputs type as unknown); the million-element array in every field
 * that holds an array (where a missing length limit would show).
 */
export function hostileVariants(valid: unknown): { name: string; payload: unknown }[] {
  const structural: [string, () => unknown][] = [['cyclic object', cyclic], ['10,000-deep object', () => deepObject()], ['10,000-deep array', () => deepArray()]];
  const huge: [string, () => unknown][] = [['1,000,000-element array', () => hugeArray()], ['100,000-key object', () => wideObject()], ['65 MB string', () => 'x'.repeat(65 * 1024 * 1024)]];
  const out = [...structural, ...huge].map(([name, make]) => ({ name, payload: make() }));
  if (valid !== null && typeof valid === 'object' && !Array.isArray(valid)) {
    const record = valid as Record<string, unknown>;
    for (const key of [...Object.keys(record), 'provenance']) {
      for (const [name, make] of structural) out.push({ name: `${key} = ${name}`, payload: { ...record, [key]: make() } });
      if (Array.isArray(record[key])) out.push({ name: `${key} = 1,000,000-element array`, payload: { ...record, [key]: hugeArray() } });
    }
  }
  return out;
}
