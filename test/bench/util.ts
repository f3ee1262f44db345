/** Shared helpers of `npm run bench`: timing with warm-up, medians, RSS, and uniform output lines. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** Median wall time in ms of `repeats` runs after `warmup` runs (the first runs warm the JIT). */
export async function timeMedianMs(run: () => unknown, repeats = 5, warmup = 1): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k < warmup + repeats; k++) {
    const t0 = performance.now();
    await run();
    if (k >= warmup) times.push(performance.now() - t0);
  }
  return median(times);
}

/** Peak resident set size of this process so far, MB (getrusage maxrss). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export interface BenchLine {
  section: string;
  name: string;
  /** Median wall time of the measured runs. */
  medianMs: number;
  /** Throughput, e.g. { value: 1.2e6, unit: 'rows/s' }. */
  throughput?: { value: number; unit: string };
  target?: string;
  note?: string;
}

const lines: BenchLine[] = [];

export function report(line: BenchLine): void {
  lines.push(line);
  const tp = line.throughput ? `${formatNumber(line.throughput.value)} ${line.throughput.unit}` : '';
  console.log(
    `${line.section.padEnd(12)} ${line.name.padEnd(64)} ${line.medianMs.toFixed(1).padStart(10)} ms  ${tp.padEnd(28)} ` +
      `rss ${peakRssMb().toFixed(0).padStart(5)} MB${line.target ? `  target ${line.target}` : ''}${line.note ? `  (${line.note})` : ''}`,
  );
}

export function allLines(): readonly BenchLine[] {
  return lines;
}

function formatNumber(v: number): string {
  if (v >= 1e9) return `${(v / 1e9).toFixed(2)}G`;
  if (v >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(1)}k`;
  return v.toFixed(1);
}
