import { parsePriceCsv } from '../../main/services/prices';
import { report, timeMedianMs } from './util';

/** Daily-bar CSV parsing and validation throughput (the streaming import's row validator inside). */
export async function benchData(): Promise<void> {
  const rows = 1_000_000;
  const lines = ['date,open,high,low,close,volume'];
  // Consecutive days from 2009-01-03 run out after ~6,500 rows; one asset's file repeats the calendar
  // pattern across assets instead: 154 files' worth of bars is parsed as one stream of text.
  const days = 6000;
  const text: string[] = [];
  for (let f = 0; f < Math.ceil(rows / days); f++) {
    const out = [lines[0]!];
    let p = 100;
    for (let d = 0; d < days; d++) {
      const date = new Date(Date.UTC(2009, 6, 1) + d * 86_400_000).toISOString().slice(0, 10);
      const next = p * (1 + 0.02 * Math.sin(d * 0.7 + f));
      out.push(`${date},${p.toFixed(2)},${(Math.max(p, next) * 1.01).toFixed(2)},${(Math.min(p, next) * 0.99).toFixed(2)},${next.toFixed(2)},${(1000 + d).toFixed(1)}`);
      p = next;
    }
    text.push(out.join('\n'));
  }
  const now = new Date('2026-01-01T00:00:00Z');
  let parsed = 0;
  const ms = await timeMedianMs(() => {
    parsed = 0;
    for (const t of text) parsed += parsePriceCsv(t, 'BENCH-USD.csv', { now }).bars.length;
  }, 3, 1);
  report({ section: 'data', name: `parse + validate ${parsed.toLocaleString('en-US')} daily OHLCV rows (generic CSV)`, medianMs: ms, throughput: { value: (parsed / ms) * 1000, unit: 'rows/s' } });
}
