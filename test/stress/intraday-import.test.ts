/**
 * Streaming intraday import (hardening issue, "Scale"): a 1,000,000-row 1-minute CSV (~694 days)
 * through the built `mwb import prices`, in bounded memory. The daily bars stored must equal an
 * aggregation computed here, independently, while the file is generated (integer cents and
 * integer milli-units, so every comparison and sum is exact). Also: a bad row deep in a large file
 * is reported by file and line and stores nothing; and the streamed daily path returns exactly what
 * the whole-file parser returns on fuzzed files of the four formats.
 */
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../main/core/numeric/rng';
import { parsePriceCsv } from '../../main/services/prices';
import { streamPriceFile } from '../../main/services/prices/streamImport';
import { fileDigest, tempDir } from '../helpers/tmp';
import { FUZZ_NOW, fuzzedCsvArb, type CsvFormatName } from './fuzz/csv';
import { assertSound, jsonOut, runCli } from './faults/cli';

const tmp = tempDir('mwb-intraday-');
afterAll(() => tmp.cleanup());

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2023, 0, 1);
/** Peak RSS allowed for the CLI importing 1M rows (the whole file is ~67 MB of text). */
const MAX_PEAK_RSS_MB = 400;

interface DayRef { date: string; open: number; high: number; low: number; close: number; volumeMilli: number; rows: number }

const cents = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
const milli = (m: number): string => `${Math.floor(m / 1000)}.${String(m % 1000).padStart(3, '0')}`;

/**
 * Writes `rows` 1-minute bars of a seeded random walk (prices in integer cents, volumes in integer
 * thousandths) and returns the daily aggregation of exactly those numbers.
 */
async function writeMinuteFile(path: string, rows: number, seed: number): Promise<DayRef[]> {
  const rng = createRng(seed);
  const out = createWriteStream(path);
  const days: DayRef[] = [];
  let price = 2_000_000; // 20,000.00 USD in cents
  let chunk = 'timestamp,open,high,low,close,volume\n';
  for (let i = 0; i < rows; i++) {
    const t = START_MS + i * MINUTE_MS;
    const open = price;
    const close = Math.max(100, Math.round(open * (1 + 0.0008 * rng.normal())));
    const high = Math.max(open, close) + Math.floor(rng.uniform() * 500);
    const low = Math.max(1, Math.min(open, close) - Math.floor(rng.uniform() * 500));
    const volume = Math.floor(rng.uniform() * 5_000_000); // up to 5,000.000
    price = close;
    chunk += `${new Date(t).toISOString()},${cents(open)},${cents(high)},${cents(low)},${cents(close)},${milli(volume)}\n`;
    const date = new Date(Math.floor(t / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
    const day = days[days.length - 1];
    if (day?.date !== date) days.push({ date, open, high, low, close, volumeMilli: volume, rows: 1 });
    else {
      day.high = Math.max(day.high, high);
      day.low = Math.min(day.low, low);
      day.close = close;
      day.volumeMilli += volume;
      day.rows += 1;
    }
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  await new Promise<void>((resolve, reject) => out.end(chunk, () => resolve()).on('error', reject));
  return days;
}

interface ImportJson {
  series: { asset: string; rows: number; firstDate: string; lastDate: string; report: { missingDays: number; badPrints: unknown[] } }[];
  streamed: { rowsRead: number; days: number; interval: string; intervalSeconds: number; incompleteDays: { count: number; first: { date: string; rows: number }[] } }[];
}

describe('mwb import prices: 1,000,000 one-minute bars, streamed', () => {
  it('stores the daily bars an independent aggregation gives, in bounded memory', async () => {
    const file = join(tmp.dir, 'BTC-USD.csv');
    const reference = await writeMinuteFile(file, 1_000_000, 20260101);
    expect(reference).toHaveLength(695); // 1e6 minutes = 694.44 days
    const db = join(tmp.dir, 'intraday.db');

    const run = await runCli(['--db', db, '--json', 'import', 'prices', file, '--dataset', 'minutes']);
    expect(run.code, run.stderr).toBe(0);
    const out = jsonOut<ImportJson>(run);
    const peakMb = run.peakRssKb / 1024;
    console.log(`intraday import: 1,000,000 rows (${(readFileSync(file).length / 1e6).toFixed(1)} MB) → ${out.streamed[0].days} days `
      + `in ${run.wallMs} ms (${Math.round(1e6 / (run.wallMs / 1000)).toLocaleString('en-US')} rows/s incl. start-up), peak RSS ${peakMb.toFixed(0)} MB`);
    expect(run.peakRssKb).toBeGreaterThan(0);
    expect(peakMb).toBeLessThan(MAX_PEAK_RSS_MB);

    expect(out.streamed[0]).toMatchObject({ interval: 'intraday', rowsRead: 1_000_000, days: 695, intervalSeconds: 60 });
    // Only the last day is cut short: 1e6 - 694 × 1440 = 640 minutes of 2024-11-25.
    expect(out.streamed[0].incompleteDays).toEqual({ count: 1, first: [{ date: '2024-11-25', rows: 640 }] });
    expect(out.series[0]).toMatchObject({ asset: 'BTC', rows: 695, firstDate: '2023-01-01', lastDate: '2024-11-25' });
    expect(out.series[0].report.missingDays).toBe(0);

    const raw = new Database(db, { readonly: true });
    const stored = raw.prepare(`SELECT date, open, high, low, close, volume FROM bars WHERE asset = 'BTC' ORDER BY date`).all();
    raw.close();
    expect(stored).toEqual(reference.map((d) => ({
      date: d.date, open: cents(d.open), high: cents(d.high), low: cents(d.low), close: cents(d.close), volume: milli(d.volumeMilli),
    })));
    assertSound(db);
  });

  it('stays bounded: the same import runs with V8\'s heap capped at 64 MB (reading the file whole does not)', async () => {
    // RSS alone is a noisy witness (under CPU load V8's concurrent marking lags and the heap grows
    // further before it is collected: 146 to 247 MB measured for the same run). A hard cap is not:
    // the file's text alone is 70 MB, and `readFileSync(file).split('\n')` dies under this cap.
    const capped = { env: { NODE_OPTIONS: '--max-old-space-size=64' } };
    const whole = await runCli(['-e', 'require("fs").readFileSync(process.argv[1], "utf8").split("\\n")', join(tmp.dir, 'BTC-USD.csv')], { ...capped, bare: true });
    expect(whole.code).not.toBe(0);
    expect(whole.stderr).toMatch(/heap out of memory/);
    const db = join(tmp.dir, 'capped.db');
    const run = await runCli(['--db', db, '--json', 'import', 'prices', join(tmp.dir, 'BTC-USD.csv')], capped);
    expect(run.code, run.stderr).toBe(0);
    console.log(`intraday import under a 64 MB heap cap: ${run.wallMs} ms, peak RSS ${(run.peakRssKb / 1024).toFixed(0)} MB`);
    const raw = new Database(db, { readonly: true });
    expect((raw.prepare('SELECT COUNT(*) AS n FROM bars').get() as { n: number }).n).toBe(695);
    raw.close();
  });

  it('a bad value on line 700,001 fails with file, line and value, and stores nothing', async () => {
    const db = join(tmp.dir, 'intraday.db');
    const before = fileDigest(db);
    const lines = readFileSync(join(tmp.dir, 'BTC-USD.csv'), 'utf8').split('\n');
    const fields = lines[700_000].split(',');
    fields[4] = '1,5';
    lines[700_000] = fields.join(',');
    const bad = join(tmp.dir, 'SOL-USD.csv');
    writeFileSync(bad, lines.join('\n'));
    const run = await runCli(['--db', db, 'import', 'prices', bad, '--dataset', 'minutes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SOL-USD.csv line 700001: expected 6 fields, found 7');
    expect(fileDigest(db)).toBe(before);
  });
});

describe('streamed daily files = whole-file parse, on fuzzed files', () => {
  const FORMATS: CsvFormatName[] = ['generic', 'binance', 'cryptodatadownload', 'yahoo'];
  it.each(FORMATS)('%s: same result, or the same rejection (file and line; message when the line has no quotes)', async (format) => {
    const samples = fc.sample(fuzzedCsvArb(format), { numRuns: 400, seed: 42 });
    const outcome = { same: 0, rejected: 0 };
    for (const [i, { file, text }] of samples.entries()) {
      const path = join(tmp.dir, `fuzz-${format}-${i}-${file.fileName}`);
      writeFileSync(path, text);
      const onDisk = readFileSync(path, 'utf8');
      let whole: ReturnType<typeof parsePriceCsv> | Error;
      try {
        whole = parsePriceCsv(onDisk, file.fileName, { now: FUZZ_NOW });
      } catch (err) {
        whole = err as Error;
      }
      let streamed: Awaited<ReturnType<typeof streamPriceFile>> | Error;
      try {
        streamed = await streamPriceFile(path, { fileName: file.fileName, interval: '1d', now: FUZZ_NOW });
      } catch (err) {
        streamed = err as Error;
      }
      if (whole instanceof Error) {
        expect(streamed, `${path}: whole-file parse rejected it (${whole.message})`).toBeInstanceOf(Error);
        const where = (m: string) => /^[^\s]+ line \d+/.exec(m)?.[0] ?? m.split(':')[0];
        expect(where((streamed as Error).message)).toBe(where(whole.message));
        const line = Number(/ line (\d+)/.exec(whole.message)?.[1] ?? 0);
        const lineText = onDisk.replace(/^\uFEFF/, '').split('\n')[line - 1] ?? '';
        if (!lineText.includes('"')) expect((streamed as Error).message).toBe(whole.message);
        outcome.rejected++;
      } else {
        expect(streamed, path).not.toBeInstanceOf(Error);
        const s = streamed as Awaited<ReturnType<typeof streamPriceFile>>;
        expect({ format: s.format, asset: s.asset, bars: s.bars, report: s.report }).toEqual(whole);
        outcome.same++;
      }
    }
    expect(outcome.rejected).toBeGreaterThan(50);
    expect(outcome.same).toBeGreaterThan(20);
  });
});
