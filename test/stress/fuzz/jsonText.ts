/** JSON text of a mutated value as a file would hold it: bigint as a number literal, NaN/Infinity as the bare words some writers emit. */
export function fileText(value: unknown): string {
  const marks: string[] = [];
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number' && !Number.isFinite(v)) {
      marks.push(String(v));
      return `__NONFINITE_${marks.length - 1}__`;
    }
    return v;
  }) ?? 'undefined';
  return text.replace(/"__NONFINITE_(\d+)__"/g, (_m, i: string) => marks[Number(i)]!);
}
