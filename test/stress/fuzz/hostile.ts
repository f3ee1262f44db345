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

/** Each hostile value at the top, and the structural ones in every field of a valid payload. */
export function hostileVariants(valid: unknown): { name: string; payload: unknown }[] {
  const structural: [string, () => unknown][] = [
    ['cyclic object', cyclic], ['10,000-deep object', () => deepObject()], ['10,000-deep array', () => deepArray()], ['1,000,000-element array', () => hugeArray()],
  ];
  const out = [...structural, ['100,000-key object', () => wideObject()] as const, ['65 MB string', () => 'x'.repeat(65 * 1024 * 1024)] as const]
    .map(([name, make]) => ({ name, payload: make() }));
  if (valid !== null && typeof valid === 'object' && !Array.isArray(valid)) {
    // Unknown-typed fields (provenance) accept anything: put each value there too.
    for (const key of [...Object.keys(valid), 'provenance']) {
      for (const [name, make] of structural) out.push({ name: `${key} = ${name}`, payload: { ...valid, [key]: make() } });
    }
  }
  return out;
}
