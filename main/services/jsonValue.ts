import { InputError } from '../core/errors';

/** Limits of a free-form JSON value a caller may attach (e.g. a model's provenance). */
export const JSON_VALUE_MAX_DEPTH = 64;
export const JSON_VALUE_MAX_BYTES = 1024 * 1024;

/**
 * Checks that a free-form value (typed `unknown` in the contract) is plain JSON before it is stored:
 * finite numbers, strings, booleans, null, arrays and plain objects, nested at most 64 deep and at
 * most 1 MiB as JSON. A cycle, NaN/Infinity (JSON would silently turn it into null), a bigint, a Date
 * or Map (JSON would change or drop it) is an InputError naming the path. Recursion stops at the
 * depth limit, so a 10,000-deep value cannot overflow the stack.
 */
export function requireJsonValue(value: unknown, what: string): void {
  const path: unknown[] = [];
  const walk = (v: unknown, where: string, depth: number): void => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new InputError(`${where}: ${v} is not a finite number (JSON has no NaN or Infinity)`);
      return;
    }
    if (typeof v !== 'object') throw new InputError(`${where}: a ${typeof v} is not a JSON value`);
    if (depth >= JSON_VALUE_MAX_DEPTH) throw new InputError(`${where}: nested more than ${JSON_VALUE_MAX_DEPTH} levels deep`);
    if (path.includes(v)) throw new InputError(`${where}: refers back to an enclosing value (a cycle cannot be stored as JSON)`);
    const proto = Object.getPrototypeOf(v) as unknown;
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) throw new InputError(`${where}: a ${(v as object).constructor?.name ?? 'non-plain object'} is not a JSON value`);
    path.push(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        if (v[i] === undefined) throw new InputError(`${where}.${i}: undefined is not a JSON value`);
        walk(v[i], `${where}.${i}`, depth + 1);
      }
    } else {
      for (const [k, x] of Object.entries(v)) if (x !== undefined) walk(x, `${where}.${k}`, depth + 1);
    }
    path.pop();
  };
  walk(value, what, 0);
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? '');
  if (bytes > JSON_VALUE_MAX_BYTES) throw new InputError(`${what}: ${bytes} bytes as JSON; at most ${JSON_VALUE_MAX_BYTES}`);
}
