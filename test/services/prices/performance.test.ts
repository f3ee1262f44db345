import { describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDay } from '../../../main/core/market/calendar';
import { parsePriceCsv } from '../../../main/services/prices';

/**
 * Throughput of the generic format at the size the issue names (1,000,000 rows). The budget is
 * deliberately loose (the machines running tests are shared): it catches an accidental quadratic
 * step, not a few percent. The measured time is printed for the record.
 */
const ROWS = 1_000_000;
const BUDGET_MS = 30_000;

function syntheticGenericCsv(rows: number): string {
  const start = parseIsoDay('2010-01-01') as number;
  const lines = new Array<string>(rows + 1);
  lines[0] = 'date,open,high,low,close,volume';
  let close = 20_000;
  for (let i = 0; i < rows; i++) {
    const open = close;
    // Deterministic mean-reverting path, two decimals like an exchange tick.
    close = 20_000 * (1.5 + Math.sin(i / 97)) * (1 + (((i * 7919) % 200) - 100) / 10_000);
    const high = Math.max(open, close) * 1.01;
    const low = Math.min(open, close) * 0.99;
    lines[i + 1] = `${formatIsoDay(start + i)},${open.toFixed(2)},${high.toFixed(2)},${low.toFixed(2)},${close.toFixed(2)},${(1000 + (i % 500)).toFixed(3)}`;
  }
  return `${lines.join('\n')}\n`;
}

describe('parsePriceCsv throughput', () => {
  it(`parses ${ROWS.toLocaleString('en')} generic rows within the budget`, () => {
    const text = syntheticGenericCsv(ROWS);
    const now = new Date('5000-01-01T00:00:00Z'); // 1M consecutive days from 2010 run to 4747
    const t0 = performance.now();
    const result = parsePriceCsv(text, 'BTC-USD.csv', { now });
    const elapsedMs = performance.now() - t0;
    console.log(`parsePriceCsv: ${ROWS} rows (${(text.length / 1e6).toFixed(1)} MB) in ${elapsedMs.toFixed(0)} ms`);
    expect(result.bars).toHaveLength(ROWS);
    expect(result.bars[ROWS - 1].date).toBe(formatIsoDay((parseIsoDay('2010-01-01') as number) + ROWS - 1));
    expect(result.report.missingDays).toBe(0);
    expect(elapsedMs).toBeLessThan(BUDGET_MS);
  });
});
