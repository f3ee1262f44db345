import type { Cell } from './model';

/**
 * A run's JSON parameters as "path = value" rows (arrays of scalars joined, nested objects dotted),
 * at most `maxRows`; the last row says how many were left out (the audit bundle holds them all).
 */
export function flattenParameters(value: unknown, maxRows = 60, prefix = ''): [string, Cell][] {
  const rows: [string, Cell][] = [];
  let omitted = 0;
  const push = (path: string, v: Cell): void => {
    if (rows.length < maxRows) rows.push([path, v]);
    else omitted++;
  };
  const walk = (v: unknown, path: string): void => {
    if (v === undefined) return;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return push(path, v);
    if (typeof v === 'number') return push(path, Number.isFinite(v) ? v : String(v));
    if (Array.isArray(v)) {
      if (v.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x))) return push(path, v.map(String).join(', '));
      v.forEach((x, i) => walk(x, `${path}[${i}]`));
      return;
    }
    if (typeof v === 'object') {
      for (const key of Object.keys(v as object)) walk((v as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    }
  };
  walk(value, prefix);
  if (omitted) rows.push([`… ${omitted} more`, 'see the audit bundle']);
  return rows;
}
