/**
 * fast-check generators for daily price CSV files in the four supported formats
 * (docs/formats.md) and byte-level mutators that break them the ways real files
 * break: truncation, wrong encodings, BOMs, mixed delimiters, huge fields, non-finite numbers,
 * dates out of range, duplicated / reordered rows, empty files and random byte noise.
 */
import fc from 'fast-check';

/** The injected clock of every fuzz parse: "today" is 2026-01-15, so 2026-01-16 is the last day accepted. */
export const FUZZ_NOW = new Date('2026-01-15T12:00:00Z');
const MS_PER_DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2015, 0, 1) / MS_PER_DAY;
const LAST_DAY = Date.UTC(2025, 11, 1) / MS_PER_DAY;

export type CsvFormatName = 'generic' | 'binance' | 'cryptodatadownload' | 'yahoo';

export interface CsvBar { day: number; open: string; high: string; low: string; close: string; volume: string }

export interface GeneratedCsv {
  format: CsvFormatName;
  fileName: string;
  text: string;
  /** The bars as written, ascending by day. */
  bars: CsvBar[];
}

const isoOf = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/** One OHLC-consistent bar: low ≤ open, close ≤ high, written with 0–8 decimals. */
const barArb = fc.record({
  open: fc.double({ min: 0.0001, max: 1e6, noNaN: true }),
  close: fc.double({ min: 0.0001, max: 1e6, noNaN: true }),
  up: fc.double({ min: 0, max: 0.2, noNaN: true }),
  down: fc.double({ min: 0, max: 0.2, noNaN: true }),
  volume: fc.double({ min: 0, max: 1e9, noNaN: true }),
  decimals: fc.integer({ min: 0, max: 8 }),
}).map(({ open, close, up, down, volume, decimals }) => {
  // Format first, then derive high/low from the written texts so rounding cannot break the order.
  const fmt = (x: number): string => x.toFixed(decimals);
  let o = fmt(open);
  let c = fmt(close);
  if (Number(o) <= 0) o = (1).toFixed(decimals);
  if (Number(c) <= 0) c = (1).toFixed(decimals);
  const hi = Math.max(Number(o), Number(c));
  const lo = Math.min(Number(o), Number(c));
  let h = fmt(hi * (1 + up));
  let l = fmt(lo * (1 - down));
  if (Number(h) < hi) h = Number(o) >= Number(c) ? o : c;
  if (!(Number(l) > 0) || Number(l) > lo) l = Number(o) <= Number(c) ? o : c;
  return { open: o, high: h, low: l, close: c, volume: fmt(volume) };
});

/** 1–8 bars on strictly ascending days with random gaps. */
const barsArb = fc.record({
  start: fc.integer({ min: FIRST_DAY, max: LAST_DAY }),
  steps: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 7 }),
  bars: fc.array(barArb, { minLength: 8, maxLength: 8 }),
}).map(({ start, steps, bars }) => {
  const days = [start];
  for (const s of steps) days.push(days[days.length - 1] + s);
  return days.map((day, i) => ({ day, ...bars[i] }));
});

function generic(bars: CsvBar[], variant: number): GeneratedCsv {
  const dateCol = variant % 2 === 0 ? 'date' : 'timestamp';
  const dateOf = (d: number): string => (variant < 2 ? isoOf(d) : `${isoOf(d)}T00:00:00Z`);
  const lines = [`${dateCol},open,high,low,close,volume`, ...bars.map((b) => `${dateOf(b.day)},${b.open},${b.high},${b.low},${b.close},${b.volume}`)];
  return { format: 'generic', fileName: 'BTC-USD.csv', text: `${lines.join('\n')}\n`, bars };
}

function binance(bars: CsvBar[], variant: number): GeneratedCsv {
  // Seconds, milliseconds or microseconds since 1970 (the size rule of the format); all exact integers.
  const perDay = [86_400, MS_PER_DAY, MS_PER_DAY * 1000][variant % 3];
  const row = (b: CsvBar): string => {
    const t = b.day * perDay;
    return [t, b.open, b.high, b.low, b.close, b.volume, t + perDay - 1, '1000.5', 42, '1.5', '2.5', 0].join(',');
  };
  const header = variant >= 3 ? ['open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore'] : [];
  return { format: 'binance', fileName: 'BTCUSDT-1d.csv', text: `${[...header, ...bars.map(row)].join('\n')}\n`, bars };
}

function cryptoDataDownload(bars: CsvBar[], variant: number): GeneratedCsv {
  const banner = variant % 2 === 0 ? ['https://www.CryptoDataDownload.com'] : [];
  const perDay = variant < 2 ? MS_PER_DAY : 86_400;
  const rows = [...bars].reverse().map((b) =>
    `${b.day * perDay},${isoOf(b.day)}${variant === 3 ? ' 00:00:00' : ''},ETHUSDT,${b.open},${b.high},${b.low},${b.close},${b.volume},123.45,77`);
  const lines = [...banner, 'Unix,Date,Symbol,Open,High,Low,Close,Volume ETH,Volume USDT,tradecount', ...rows];
  return { format: 'cryptodatadownload', fileName: 'Binance_ETHUSDT_d.csv', text: `${lines.join('\r\n')}\r\n`, bars };
}

function yahoo(bars: CsvBar[], variant: number): GeneratedCsv {
  const lines = variant % 2 === 0
    ? ['Date,Open,High,Low,Close,Adj Close,Volume', ...bars.map((b) => `${isoOf(b.day)},${b.open},${b.high},${b.low},${b.close},${b.close},${b.volume}`)]
    : ['Date,Open,High,Low,Close,Volume,Dividends,Stock Splits', ...bars.map((b) => `${isoOf(b.day)} 00:00:00+00:00,${b.open},${b.high},${b.low},${b.close},${b.volume},0.0,0.0`)];
  return { format: 'yahoo', fileName: 'SOL-USD.csv', text: `${lines.join('\n')}\n`, bars };
}

const BUILDERS: Record<CsvFormatName, (bars: CsvBar[], variant: number) => GeneratedCsv> = {
  generic, binance, cryptodatadownload: cryptoDataDownload, yahoo,
};

/** A valid file of one format (or any of the four). */
export function validCsvArb(format?: CsvFormatName): fc.Arbitrary<GeneratedCsv> {
  const formats = format ? [format] : (Object.keys(BUILDERS) as CsvFormatName[]);
  return fc.tuple(fc.constantFrom(...formats), barsArb, fc.integer({ min: 0, max: 3 })).map(([f, bars, v]) => BUILDERS[f](bars, v));
}

// ---------------------------------------------------------------- mutators (text → bytes)

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'latin1' }
  | { kind: 'utf16' }
  | { kind: 'bom' }
  | { kind: 'delimiter'; row: number; delimiter: string }
  | { kind: 'hugeField'; row: number; field: number; text: string }
  | { kind: 'numberWord'; row: number; field: number; word: string }
  | { kind: 'date'; row: number; date: string }
  | { kind: 'duplicateRow'; row: number }
  | { kind: 'swapRows'; a: number; b: number }
  | { kind: 'reverseRows' }
  | { kind: 'empty'; text: string }
  | { kind: 'noise'; at: number; bytes: Uint8Array }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array };

const NUMBER_WORDS = ['NaN', 'nan', 'Infinity', '-Infinity', 'inf', '1e308', '1e309', '-1e309', '0', '-0', '-5', '1e-400', '', ' ', 'null', '0x10', '1,5', '١٢٣', '1e+308', '.', '+.5', '5.'];
const DATES = ['1970-01-01', '2008-12-31', '2009-01-03', '2099-01-01', '2026-01-16', '2026-01-17', '2024-02-30', '2023-02-29', '0000-01-01',
  '9999-12-31', '2024-13-01', '24-01-01', '2024-01-01T12:00:00Z', '2024-01-01T00:00:00+01:00', '99999999999999999', '-1', '1.5e12', ''];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'latin1' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'utf16' as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'bom' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delimiter' as const), row: fc.nat(), delimiter: fc.constantFrom(';', '\t', '|', ',,', '"') }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('hugeField' as const), row: fc.nat(), field: fc.nat(), text: fc.constantFrom('9'.repeat(70), '1'.repeat(400), 'x'.repeat(5000), `1.${'0'.repeat(100)}1`) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('numberWord' as const), row: fc.nat(), field: fc.nat(), word: fc.constantFrom(...NUMBER_WORDS) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('date' as const), row: fc.nat(), date: fc.constantFrom(...DATES) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('duplicateRow' as const), row: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('swapRows' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'reverseRows' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('empty' as const), text: fc.constantFrom('', '\n', '\r\n\r\n', '\uFEFF', '\uFEFF\n', ' ', ',,,,,') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('noise' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('overwrite' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }) },
);

function splitLines(text: string): { lines: string[]; eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  if (lines[lines.length - 1] === '') lines.pop();
  return { lines, eol };
}

/** Index of a data line (after header / banner) picked from `k`; -1 when there is none. */
function dataLine(lines: string[], k: number): number {
  const first = lines.findIndex((l) => /^\d|^"?\d/.test(l));
  if (first < 0) return -1;
  return first + (k % (lines.length - first));
}

function editLines(text: string, edit: (lines: string[]) => void): string {
  const { lines, eol } = splitLines(text);
  edit(lines);
  return `${lines.join(eol)}${eol}`;
}

function replaceField(line: string, field: number, value: string): string {
  const fields = line.split(',');
  fields[field % fields.length] = value;
  return fields.join(',');
}

/** Applies one mutation to the file's bytes (the importer sees `bytes.toString('utf8')`, as readFileSync does). */
export function mutate(bytes: Buffer, m: Mutation): Buffer {
  const text = bytes.toString('utf8');
  switch (m.kind) {
    case 'truncate': return bytes.subarray(0, bytes.length === 0 ? 0 : m.at % bytes.length);
    case 'latin1': return Buffer.from(editLines(text, (l) => { const i = dataLine(l, 0); if (i >= 0) l[i] = replaceField(l[i], 1, `${l[i].split(',')[1]}é`); }), 'latin1');
    case 'utf16': return Buffer.from(text, 'utf16le');
    case 'bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    case 'delimiter': return Buffer.from(editLines(text, (l) => { const i = dataLine(l, m.row); if (i >= 0) l[i] = l[i].split(',').join(m.delimiter); }));
    case 'hugeField': return Buffer.from(editLines(text, (l) => { const i = dataLine(l, m.row); if (i >= 0) l[i] = replaceField(l[i], m.field, m.text); }));
    case 'numberWord': return Buffer.from(editLines(text, (l) => { const i = dataLine(l, m.row); if (i >= 0) l[i] = replaceField(l[i], 1 + (m.field % 5), m.word); }));
    case 'date': return Buffer.from(editLines(text, (l) => { const i = dataLine(l, m.row); if (i >= 0) l[i] = replaceField(l[i], 0, m.date); }));
    case 'duplicateRow': return Buffer.from(editLines(text, (l) => { const i = dataLine(l, m.row); if (i >= 0) l.splice(i, 0, l[i]); }));
    case 'swapRows': return Buffer.from(editLines(text, (l) => {
      const a = dataLine(l, m.a);
      const b = dataLine(l, m.b);
      if (a >= 0 && b >= 0) [l[a], l[b]] = [l[b], l[a]];
    }));
    case 'reverseRows': return Buffer.from(editLines(text, (l) => { const i = dataLine(l, 0); if (i >= 0) l.splice(i, l.length - i, ...l.slice(i).reverse()); }));
    case 'empty': return Buffer.from(m.text);
    case 'noise': {
      const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
    }
    case 'overwrite': {
      const out = Buffer.from(bytes);
      for (let i = 0; i < m.bytes.length && out.length > 0; i++) out[(m.at + i) % out.length] = m.bytes[i];
      return out;
    }
  }
}

/** A file of the format with 0–3 mutations: what the property runs over. */
export function fuzzedCsvArb(format?: CsvFormatName): fc.Arbitrary<{ file: GeneratedCsv; mutations: Mutation[]; text: string }> {
  return fc.tuple(validCsvArb(format), fc.array(mutationArb, { minLength: 0, maxLength: 3 })).map(([file, mutations]) => {
    let bytes: Buffer = Buffer.from(file.text);
    for (const m of mutations) bytes = mutate(bytes, m);
    return { file, mutations, text: bytes.toString('utf8') };
  });
}
